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
 *   preset first broker login account              REQUIRED
 *     preset-team-account-link                     ALTERNATIVE (account the team controls: link silently;
 *                                                               other account with a password: re-authenticate;
 *                                                               else, or no account outside verified domains: refuse)
 *     idp-create-user-if-unique                    ALTERNATIVE (nobody: create the account)
 *     preset first broker login existing account   ALTERNATIVE
 *       idp-confirm-link                           REQUIRED
 *       preset first broker login reauthentication REQUIRED
 *         idp-username-password-form               REQUIRED
 *         preset first broker login otp            CONDITIONAL
 *           conditional-user-configured            REQUIRED
 *           auth-otp-form                          REQUIRED
 *   preset-team-jit-join                           REQUIRED    (new account: join the team as User)
 * </pre>
 * There is deliberately no {@code idp-email-verification}: an email link proves nothing about whether the
 * team may take the account.
 */
public final class FirstBrokerLoginFlow {

    public static final String ALIAS = "preset first broker login";
    public static final String ACCOUNT_SUBFLOW = "preset first broker login account";
    public static final String EXISTING_SUBFLOW = "preset first broker login existing account";
    public static final String REAUTH_SUBFLOW = "preset first broker login reauthentication";
    public static final String OTP_SUBFLOW = "preset first broker login otp";
    /** Post broker login of team identity providers: {@code preset-team-member-check} REQUIRED. */
    public static final String POST_ALIAS = "preset post broker login";

    private static final Logger LOG = Logger.getLogger(FirstBrokerLoginFlow.class);

    private FirstBrokerLoginFlow() {
    }

    /**
     * The id of the flow, created when missing; a flow of an older version gets its re-authentication steps. The
     * realm also gets the identifier-first flow of the Preset web app ({@link WebLoginFlow}), which routes to team
     * identity providers, when it is missing.
     */
    public static String ensure(RealmModel realm) {
        WebLoginFlow.ensure(realm);
        AuthenticationFlowModel existing = realm.getFlowByAlias(ALIAS);
        if (existing != null) {
            AuthenticationFlowModel account = realm.getFlowByAlias(ACCOUNT_SUBFLOW);
            if (account != null && realm.getFlowByAlias(EXISTING_SUBFLOW) == null) {
                LOG.infof("Adding re-authentication of existing accounts to the flow '%s' in realm '%s'", ALIAS, realm.getName());
                existingAccount(realm, account);
            }
            return existing.getId();
        }
        LOG.infof("Creating the authentication flow '%s' in realm '%s'", ALIAS, realm.getName());
        AuthenticationFlowModel top = realm.addAuthenticationFlow(Flows.flow(ALIAS,
                "First login through a Preset team's identity provider: links accounts the team controls, asks other "
                        + "accounts to re-authenticate, creates and joins new users in the team's verified domains", true));
        AuthenticationFlowModel account = realm.addAuthenticationFlow(Flows.flow(ACCOUNT_SUBFLOW,
                "Links an existing account or creates a new one", false));
        Flows.execution(realm, top.getId(), null, account.getId(), AuthenticationExecutionModel.Requirement.REQUIRED, 10);
        Flows.execution(realm, account.getId(), TeamAccountLinkAuthenticatorFactory.ID, null,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE, 10);
        Flows.execution(realm, account.getId(), "idp-create-user-if-unique", null,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE, 20);
        existingAccount(realm, account);
        Flows.execution(realm, top.getId(), TeamJoinAuthenticatorFactory.ID, null,
                AuthenticationExecutionModel.Requirement.REQUIRED, 20);
        return top.getId();
    }

    /** Keycloak's own "handle existing account" by re-authentication (password, then OTP if the user has one). */
    private static void existingAccount(RealmModel realm, AuthenticationFlowModel account) {
        AuthenticationFlowModel existing = realm.addAuthenticationFlow(Flows.flow(EXISTING_SUBFLOW,
                "An existing account the team may not link silently: its holder confirms and re-authenticates", false));
        AuthenticationFlowModel reauth = realm.addAuthenticationFlow(Flows.flow(REAUTH_SUBFLOW,
                "Re-authentication with the existing account's own credentials", false));
        AuthenticationFlowModel otp = realm.addAuthenticationFlow(Flows.flow(OTP_SUBFLOW,
                "OTP of the existing account, when it has one", false));
        Flows.execution(realm, account.getId(), null, existing.getId(), AuthenticationExecutionModel.Requirement.ALTERNATIVE, 30);
        Flows.execution(realm, existing.getId(), "idp-confirm-link", null, AuthenticationExecutionModel.Requirement.REQUIRED, 10);
        Flows.execution(realm, existing.getId(), null, reauth.getId(), AuthenticationExecutionModel.Requirement.REQUIRED, 20);
        Flows.execution(realm, reauth.getId(), "idp-username-password-form", null, AuthenticationExecutionModel.Requirement.REQUIRED, 10);
        Flows.execution(realm, reauth.getId(), null, otp.getId(), AuthenticationExecutionModel.Requirement.CONDITIONAL, 20);
        Flows.execution(realm, otp.getId(), "conditional-user-configured", null, AuthenticationExecutionModel.Requirement.REQUIRED, 10);
        Flows.execution(realm, otp.getId(), "auth-otp-form", null, AuthenticationExecutionModel.Requirement.REQUIRED, 20);
    }

    /** The id of the post broker login flow, created when missing. */
    public static String ensurePostBrokerLogin(RealmModel realm) {
        AuthenticationFlowModel existing = realm.getFlowByAlias(POST_ALIAS);
        if (existing != null) {
            return existing.getId();
        }
        LOG.infof("Creating the authentication flow '%s' in realm '%s'", POST_ALIAS, realm.getName());
        AuthenticationFlowModel top = realm.addAuthenticationFlow(Flows.flow(POST_ALIAS,
                "Every login through a Preset team's identity provider: the account must be an active member", true));
        Flows.execution(realm, top.getId(), TeamMemberCheckAuthenticatorFactory.ID, null,
                AuthenticationExecutionModel.Requirement.REQUIRED, 10);
        return top.getId();
    }
}
