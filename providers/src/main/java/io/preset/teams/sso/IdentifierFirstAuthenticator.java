package io.preset.teams.sso;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.browser.IdentityProviderAuthenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.validation.Validation;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * Identifier-first sign-in (flow {@code preset web browser}, client {@code preset-web}): the first page asks for
 * the email only. When its domain is a domain that a team <b>verified</b> and the team's identity provider is
 * enabled, the user goes to that IdP with the email as login hint, before any account is looked up, so that people
 * without an account yet get theirs just in time and nobody learns whether an account exists. Everybody else gets
 * the password page next, the same page whether or not an account with that email exists; the password is then
 * checked exactly as Keycloak's own username/password form does (brute-force protection, disabled accounts, the
 * same "Invalid username or password" for an unknown account and a wrong password).
 * <p>
 * A post of the first page that carries a {@code password} as well (scripts, password managers that fill both) is
 * taken as a one-page sign-in, after the same routing: an email of a verified team domain still goes to the IdP.
 */
public class IdentifierFirstAuthenticator extends UsernamePasswordForm {

    /** Auth note: the identifier typed on the first page, set once the password page is shown. */
    static final String IDENTIFIER = "preset.identifier";
    /** Keycloak's auth note that makes its templates show the attempted username (with "Restart login"). */
    private static final String USERNAME_HIDDEN_NOTE = "USERNAME_HIDDEN";
    private static final int MAX_IDENTIFIER = 255;
    private static final Logger LOG = Logger.getLogger(IdentifierFirstAuthenticator.class);

    public IdentifierFirstAuthenticator(KeycloakSession session) {
        super(session);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession.getAuthNote(IDENTIFIER) != null) {
            context.challenge(challenge(context, null, null));
            return;
        }
        LoginFormsProvider form = context.form().setExecution(context.getExecution().getId());
        String hint = authSession.getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        if (hint != null && !hint.isBlank()) {
            MultivaluedMap<String, String> data = new MultivaluedHashMap<>();
            data.add(AuthenticationManager.FORM_USERNAME, hint.strip());
            form.setFormData(data);
        }
        if (context.getForwardedErrorMessage() != null) {
            form.addError(context.getForwardedErrorMessage());
        }
        context.challenge(form.createLoginUsername());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> posted = context.getHttpRequest().getDecodedFormParameters();
        if (posted.containsKey("cancel")) {
            context.cancelLogin();
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String identifier = authSession.getAuthNote(IDENTIFIER);
        if (identifier != null) {
            checkPassword(context, identifier, posted);
            return;
        }
        identifier = posted.getFirst(AuthenticationManager.FORM_USERNAME);
        identifier = identifier == null ? "" : identifier.strip();
        if (identifier.isEmpty() || identifier.length() > MAX_IDENTIFIER) {
            context.getEvent().error("preset_identifier_invalid");
            LoginFormsProvider form = context.form().setExecution(context.getExecution().getId());
            form.addError(new FormMessage(Validation.FIELD_USERNAME,
                    identifier.isEmpty() ? Messages.MISSING_USERNAME : Messages.INVALID_USERNAME));
            context.forceChallenge(form.createLoginUsername());
            return;
        }
        Optional<IdentityProviderModel> idp = identifier.indexOf('@') > 0
                ? new TeamIdentityProviders(context.getSession(), context.getRealm()).forEmail(identifier)
                : Optional.empty();
        if (idp.isPresent()) {
            LOG.debugf("Identifier-first: routing to '%s' by its verified email domain", idp.get().getAlias());
            context.getEvent().detail("preset_routed_to", idp.get().getAlias());
            Redirect.INSTANCE.to(context, idp.get().getAlias(), identifier);
            return;
        }
        authSession.setAuthNote(IDENTIFIER, identifier);
        authSession.setAuthNote(ATTEMPTED_USERNAME, identifier);
        authSession.setAuthNote(USERNAME_HIDDEN_NOTE, "true");
        String password = posted.getFirst("password");
        if (password != null && !password.isEmpty()) {
            checkPassword(context, identifier, posted);
            return;
        }
        // no account is looked up: the same page for every identifier outside the teams' verified domains
        context.challenge(challenge(context, null, null));
    }

    /** Keycloak's own username/password check, with the identifier of the first page. */
    private void checkPassword(AuthenticationFlowContext context, String identifier, MultivaluedMap<String, String> posted) {
        MultivaluedMap<String, String> data = new MultivaluedHashMap<>();
        data.add(AuthenticationManager.FORM_USERNAME, identifier);
        String password = posted.getFirst("password");
        data.add("password", password == null ? "" : password);
        if (posted.getFirst("rememberMe") != null) {
            data.add("rememberMe", posted.getFirst("rememberMe"));
        }
        if (validateUserAndPassword(context, data)) {
            context.getAuthenticationSession().setAuthNote(ATTEMPTED_USERNAME, identifier);
            context.success();
        }
    }

    /** An error of the password page always shows at the password field: an unknown account looks like a wrong password. */
    @Override
    protected Response challenge(AuthenticationFlowContext context, String error, String field) {
        boolean passwordPage = context.getAuthenticationSession().getAuthNote(IDENTIFIER) != null;
        return super.challenge(context, error, passwordPage && error != null ? Validation.FIELD_PASSWORD : field);
    }

    @Override
    protected Response createLoginForm(LoginFormsProvider form) {
        // only reached once the identifier is known (errors of the first page are rendered in action())
        return form.createLoginPassword();
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    /** Keycloak's redirect to an identity provider (login hint passed on), as its own redirector does it. */
    private static final class Redirect extends IdentityProviderAuthenticator {
        static final Redirect INSTANCE = new Redirect();

        void to(AuthenticationFlowContext context, String alias, String loginHint) {
            redirect(context, alias, loginHint);
        }
    }
}
