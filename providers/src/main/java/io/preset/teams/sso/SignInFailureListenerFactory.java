package io.preset.teams.sso;

import io.preset.teams.scim.log.ProvisioningLog;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.keycloak.Config;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts every failed sign-in through a team's identity provider (Keycloak's {@code IDENTITY_PROVIDER_*_ERROR} login
 * events: a bad signature, an expired or malformed assertion, an account the team may not sign in) into that team's
 * provisioning log, where its Admins see the reason in the portal. Global: it needs no realm's event settings.
 */
public class SignInFailureListenerFactory implements EventListenerProviderFactory {

    public static final String ID = "preset-team-sign-in-failures";
    private static final Pattern BROKER_PATH = Pattern.compile("/broker/([^/]+)/endpoint");

    /** Keycloak's error codes, as a team's IT admin needs them said. */
    private static final Map<String, String> REASONS = Map.of(
            "invalid_signature", "The assertion's signature does not match the identity provider's certificates: "
                    + "did its signing certificate change? Refresh or upload the metadata again.",
            "invalid_saml_response", "The identity provider's SAML response is not valid (wrong audience or "
                    + "recipient, expired, or not for this sign-in).",
            "invalid_saml_document", "The identity provider's answer is not a valid SAML document.",
            "invalid_token", "The identity provider's token is not valid (signature, issuer, audience or expiry).",
            "identity_provider_error", "The identity provider answered with an error.",
            "user_not_found", "No account may be created for this person: their email is not in a verified domain "
                    + "of the team.",
            "invalid_user_credentials", "The person did not prove the account's own password when linking it.");

    private volatile KeycloakSessionFactory factory;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new Listener(session, factory);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public void close() {
    }

    static String reason(String error) {
        return REASONS.getOrDefault(error, "Sign-in through the team's identity provider failed (" + error + ").");
    }

    private record Listener(KeycloakSession session, KeycloakSessionFactory factory) implements EventListenerProvider {

        @Override
        public void onEvent(Event event) {
            if (event.getType() == null || event.getError() == null || !event.getType().name().startsWith("IDENTITY_PROVIDER")
                    || !event.getType().name().endsWith("_ERROR")) {
                return;
            }
            Map<String, String> details = event.getDetails() == null ? Map.of() : event.getDetails();
            // a response refused before it is tied to a login (a bad signature) names no IdP: the path does
            String alias = details.getOrDefault(Details.IDENTITY_PROVIDER, brokerAlias());
            if (alias == null || !alias.startsWith(TeamIdentityProviders.ALIAS_PREFIX) || event.getRealmId() == null) {
                return;
            }
            RealmModel realm = session.realms().getRealm(event.getRealmId());
            IdentityProviderModel idp = realm == null ? null : session.identityProviders().getByAlias(alias);
            TeamEntity team = idp == null ? null : TeamIdentityProviders.teamOf(new TeamStore(session, realm), idp).orElse(null);
            if (team == null) {
                return;
            }
            String userName = details.getOrDefault(Details.IDENTITY_PROVIDER_USERNAME, details.get(Details.USERNAME));
            ProvisioningLog.signInFailed(factory, team.getId(), alias, event.getError(), reason(event.getError()), userName);
        }

        /** {@code alias} of a request to {@code /realms/{realm}/broker/{alias}/endpoint...}, or null. */
        private String brokerAlias() {
            if (session.getContext().getUri() == null) {
                return null;
            }
            Matcher m = BROKER_PATH.matcher(session.getContext().getUri().getPath());
            return m.find() ? m.group(1) : null;
        }

        @Override
        public void onEvent(AdminEvent event, boolean includeRepresentation) {
        }

        @Override
        public void close() {
        }
    }
}
