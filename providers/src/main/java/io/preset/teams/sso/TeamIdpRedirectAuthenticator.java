package io.preset.teams.sso;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.IdentityProviderAuthenticator;
import org.keycloak.constants.AdapterConstants;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;

import java.util.Optional;

/**
 * Browser flow step: when the authorization request carries {@code login_hint} with an email whose domain
 * a team verified, the user goes straight to that team's enabled IdP (with the hint passed on); an unverified
 * claim routes nothing. Otherwise it steps aside: {@code kc_idp_hint=team-<slug>} is handled by
 * Keycloak's own {@code identity-provider-redirector}, everybody else gets the login form.
 */
public class TeamIdpRedirectAuthenticator extends IdentityProviderAuthenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        String idpHint = context.getUriInfo().getQueryParameters().getFirst(AdapterConstants.KC_IDP_HINT);
        String loginHint = context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        if ((idpHint != null && !idpHint.isBlank()) || loginHint == null || context.getForwardedErrorMessage() != null) {
            context.attempted();
            return;
        }
        Optional<IdentityProviderModel> idp = new TeamIdentityProviders(context.getSession(), context.getRealm())
                .forEmail(loginHint);
        if (idp.isEmpty()) {
            context.attempted();
            return;
        }
        redirect(context, idp.get().getAlias(), loginHint);
    }
}
