package io.preset.teams.sso;

import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;

/** Building blocks of the authentication flows the extension creates on demand (team SSO, the web app's sign-in). */
final class Flows {

    private Flows() {
    }

    static AuthenticationFlowModel flow(String alias, String description, boolean topLevel) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setAlias(alias);
        flow.setDescription(description);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(topLevel);
        flow.setBuiltIn(false);
        return flow;
    }

    /** An execution of {@code authenticator}, or (with {@code subflow}) of a sub-flow, in {@code parent}. */
    static void execution(RealmModel realm, String parent, String authenticator, String subflow,
                          AuthenticationExecutionModel.Requirement requirement, int priority) {
        AuthenticationExecutionModel execution = new AuthenticationExecutionModel();
        execution.setParentFlow(parent);
        execution.setRequirement(requirement);
        execution.setPriority(priority);
        if (subflow != null) {
            execution.setAuthenticatorFlow(true);
            execution.setFlowId(subflow);
        } else {
            execution.setAuthenticatorFlow(false);
            execution.setAuthenticator(authenticator);
        }
        realm.addAuthenticatorExecution(execution);
    }
}
