package io.preset.teams.sso;

import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowBindings;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

import java.util.List;

/**
 * The identifier-first browser flow of the Preset web app (client {@value #WEB_CLIENT}) and the client
 * {@value #TILE_CLIENT} of the Okta dashboard tile ({@link SsoStartResource}), as in
 * {@code realm-config/preset-realm.json}; created on demand (when a team's SSO is saved, or the tile is used) in
 * realms that were not imported from there:
 * <pre>
 * preset web browser                            (browser flow of preset-web only)
 *   auth-cookie                                 ALTERNATIVE
 *   identity-provider-redirector                ALTERNATIVE (kc_idp_hint=team-slug)
 *   preset-team-idp-redirector                  ALTERNATIVE (login_hint in a verified domain)
 *   preset web browser forms                    ALTERNATIVE
 *     preset-identifier-first                   REQUIRED    (email first: verified team domain -> IdP, else password)
 *     preset web browser conditional OTP        CONDITIONAL
 *       conditional-user-configured             REQUIRED
 *       auth-otp-form                           REQUIRED
 * </pre>
 * The flow is bound to {@value #WEB_CLIENT} only (its browser flow override), and only when the client has no
 * override of its own: every other client (the portal, {@code okta-scim}'s consent, the admin console) keeps the
 * one-page form of the realm's browser flow.
 */
public final class WebLoginFlow {

    public static final String ALIAS = "preset web browser";
    public static final String FORMS_SUBFLOW = "preset web browser forms";
    public static final String OTP_SUBFLOW = "preset web browser conditional OTP";
    public static final String WEB_CLIENT = "preset-web";
    public static final String TILE_CLIENT = "preset-sso-start";

    private static final Logger LOG = Logger.getLogger(WebLoginFlow.class);

    private WebLoginFlow() {
    }

    /** The flow (created when missing), bound to {@value #WEB_CLIENT} when that client exists without an override. */
    public static String ensure(RealmModel realm) {
        AuthenticationFlowModel flow = realm.getFlowByAlias(ALIAS);
        if (flow == null) {
            LOG.infof("Creating the authentication flow '%s' in realm '%s'", ALIAS, realm.getName());
            flow = create(realm);
        }
        ClientModel web = realm.getClientByClientId(WEB_CLIENT);
        if (web != null && web.getAuthenticationFlowBindingOverride(AuthenticationFlowBindings.BROWSER_BINDING) == null) {
            LOG.infof("Binding the flow '%s' to the client '%s' of realm '%s'", ALIAS, WEB_CLIENT, realm.getName());
            web.setAuthenticationFlowBindingOverride(AuthenticationFlowBindings.BROWSER_BINDING, flow.getId());
        }
        return flow.getId();
    }

    /**
     * The public client that signs the browser in through a team's IdP for the tile: code flow with PKCE S256,
     * redirects only to this realm's {@code /teams/} paths, no scopes. Its codes are never exchanged (nobody keeps
     * the verifier); it exists only to establish the Keycloak session that {@value #WEB_CLIENT} then uses.
     */
    public static ClientModel ensureTileClient(RealmModel realm) {
        ClientModel client = realm.getClientByClientId(TILE_CLIENT);
        if (client != null) {
            return client;
        }
        LOG.infof("Creating the client '%s' in realm '%s'", TILE_CLIENT, realm.getName());
        client = realm.addClient(TILE_CLIENT);
        client.setName("Preset SSO start (Okta dashboard tile)");
        client.setDescription("Signs the browser in through a Preset team's identity provider for "
                + "/realms/{realm}/teams/{slug}/sso/start; its codes are never exchanged.");
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setConsentRequired(false);
        client.setFullScopeAllowed(false);
        client.setFrontchannelLogout(true);
        client.setRootUrl("${authBaseUrl}");
        client.addRedirectUri("/realms/" + realm.getName() + "/teams/*");
        client.setAttribute("pkce.code.challenge.method", "S256");
        for (boolean defaultScope : new boolean[] {true, false}) {
            for (ClientScopeModel scope : List.copyOf(client.getClientScopes(defaultScope).values())) {
                client.removeClientScope(scope);
            }
        }
        return client;
    }

    private static AuthenticationFlowModel create(RealmModel realm) {
        AuthenticationFlowModel top = realm.addAuthenticationFlow(Flows.flow(ALIAS,
                "Browser sign-in of the Preset web app: an existing session, a team's SSO (kc_idp_hint, login_hint in "
                        + "a verified domain), or identifier first", true));
        Flows.execution(realm, top.getId(), "auth-cookie", null, AuthenticationExecutionModel.Requirement.ALTERNATIVE, 10);
        Flows.execution(realm, top.getId(), "identity-provider-redirector", null, AuthenticationExecutionModel.Requirement.ALTERNATIVE, 20);
        Flows.execution(realm, top.getId(), TeamIdpRedirectAuthenticatorFactory.ID, null, AuthenticationExecutionModel.Requirement.ALTERNATIVE, 25);
        AuthenticationFlowModel forms = realm.addAuthenticationFlow(Flows.flow(FORMS_SUBFLOW,
                "Email first: a verified team domain goes to the team's IdP, any other email to the password page; "
                        + "then OTP when the user has one", false));
        Flows.execution(realm, top.getId(), null, forms.getId(), AuthenticationExecutionModel.Requirement.ALTERNATIVE, 30);
        Flows.execution(realm, forms.getId(), IdentifierFirstAuthenticatorFactory.ID, null, AuthenticationExecutionModel.Requirement.REQUIRED, 10);
        AuthenticationFlowModel otp = realm.addAuthenticationFlow(Flows.flow(OTP_SUBFLOW, "OTP for users who configured it", false));
        Flows.execution(realm, forms.getId(), null, otp.getId(), AuthenticationExecutionModel.Requirement.CONDITIONAL, 20);
        Flows.execution(realm, otp.getId(), "conditional-user-configured", null, AuthenticationExecutionModel.Requirement.REQUIRED, 10);
        Flows.execution(realm, otp.getId(), "auth-otp-form", null, AuthenticationExecutionModel.Requirement.REQUIRED, 20);
        return top;
    }
}
