package io.preset.teams.sso;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.RealmModel;

/**
 * The first-broker-login and post-broker-login flows of team identity providers, as in
 * {@code realm-config/preset-realm.json}; created on demand in realms that were not imported from there:
 * <pre>
 * preset first broker login
 *   preset first broker login account      REQUIRED
 *     preset-team-account-link             ALTERNATIVE  (existing member: link silently; non-member: refuse)
 *     idp-create-user-if-unique            ALTERNATIVE  (nobody: create the account)
 *   preset-team-jit-join                   REQUIRED     (new account: join the team as User)
 * </pre>
 */
public final class FirstBrokerLoginFlow {

    public static final String ALIAS = "preset first broker login";
    public static final String ACCOUNT_SUBFLOW = "preset first broker login account";
    /** Post broker login of team identity providers: {@code preset-team-member-check} REQUIRED. */
    public static final String POST_ALIAS = "preset post broker login";

    private static final Logger LOG = Logger.getLogger(FirstBrokerLoginFlow.class);

    private FirstBrokerLoginFlow() {
    }

    /** The id of the flow, created when missing. */
    public static String ensure(RealmModel realm) {
        AuthenticationFlowModel existing = realm.getFlowByAlias(ALIAS);
        if (existing != null) {
            return existing.getId();
        }
        LOG.infof("Creating the authentication flow '%s' in realm '%s'", ALIAS, realm.getName());
        AuthenticationFlowModel top = realm.addAuthenticationFlow(flow(ALIAS,
                "First login through a Preset team's identity provider: links the team member's account, "
                        + "refuses non-members, creates and joins new users", true));
        AuthenticationFlowModel account = realm.addAuthenticationFlow(flow(ACCOUNT_SUBFLOW,
                "Links an existing team member or creates a new account", false));
        execution(realm, top.getId(), null, account.getId(), AuthenticationExecutionModel.Requirement.REQUIRED, 10);
        execution(realm, account.getId(), TeamAccountLinkAuthenticatorFactory.ID, null,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE, 10);
        execution(realm, account.getId(), "idp-create-user-if-unique", null,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE, 20);
        execution(realm, top.getId(), TeamJoinAuthenticatorFactory.ID, null,
                AuthenticationExecutionModel.Requirement.REQUIRED, 20);
        return top.getId();
    }

    /** The id of the post broker login flow, created when missing. */
    public static String ensurePostBrokerLogin(RealmModel realm) {
        AuthenticationFlowModel existing = realm.getFlowByAlias(POST_ALIAS);
        if (existing != null) {
            return existing.getId();
        }
        LOG.infof("Creating the authentication flow '%s' in realm '%s'", POST_ALIAS, realm.getName());
        AuthenticationFlowModel top = realm.addAuthenticationFlow(flow(POST_ALIAS,
                "Every login through a Preset team's identity provider: the account must be an active member", true));
        execution(realm, top.getId(), TeamMemberCheckAuthenticatorFactory.ID, null,
                AuthenticationExecutionModel.Requirement.REQUIRED, 10);
        return top.getId();
    }

    private static AuthenticationFlowModel flow(String alias, String description, boolean topLevel) {
        AuthenticationFlowModel flow = new AuthenticationFlowModel();
        flow.setAlias(alias);
        flow.setDescription(description);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(topLevel);
        flow.setBuiltIn(false);
        return flow;
    }

    private static void execution(RealmModel realm, String parent, String authenticator, String subflow,
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
