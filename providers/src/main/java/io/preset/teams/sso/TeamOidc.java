package io.preset.teams.sso;

import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;
import io.preset.teams.ownership.EmailDomainEntity;
import io.preset.teams.ownership.TeamDomains;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A team's OIDC single sign-on (an Okta or Entra OIDC app), as the admin API and the team portal change it: the
 * issuer's discovery document gives the endpoints; the app's client id and secret are the Admin's. The secret is
 * never shown again. Same account rules as SAML: the same first-broker-login and post-broker-login flows.
 */
public class TeamOidc {

    public static final Set<String> FIELDS = Set.of("issuer", "clientId", "clientSecret", "clientAuthMethod",
            "emailDomains", "enabled");
    private static final Set<String> AUTH_METHODS = Set.of("client_secret_basic", "client_secret_post");

    private final KeycloakSession session;
    private final TeamStore store;
    private final TeamIdentityProviders idps;
    private final IdpDocumentFetcher fetcher;

    public TeamOidc(KeycloakSession session, TeamStore store) {
        this.session = session;
        this.store = store;
        this.idps = new TeamIdentityProviders(session, store.realm());
        this.fetcher = IdpDocumentFetcher.configured();
    }

    /**
     * @param redirectUri     what the OIDC app must allow as its redirect (sign-in) URI
     * @param clientSecretSet whether a secret is stored; the secret itself is never shown
     */
    public record OidcView(String team, String alias, boolean enabled, String issuer, String clientId,
                           boolean clientSecretSet, String clientAuthMethod, String authorizationUrl, String tokenUrl,
                           String jwksUrl, String userInfoUrl, String logoutUrl, String redirectUri,
                           List<String> emailDomains, List<SamlView.DomainState> domains, String firstBrokerLoginFlow) {
    }

    public record Saved(OidcView view, boolean created, List<EmailDomainEntity> claimed) {
    }

    public Saved put(TeamEntity team, JsonBody json) {
        String clientId = json.string("clientId");
        if (clientId == null || clientId.isBlank() || clientId.length() > 255) {
            throw DomainException.invalid("'clientId' is required: the client id of the OIDC app (at most 255 characters)");
        }
        String secret = json.string("clientSecret");
        if (secret != null && (secret.isBlank() || secret.length() > 2048)) {
            throw DomainException.invalid("'clientSecret' must be the OIDC app's client secret (at most 2048 characters)");
        }
        String method = json.has("clientAuthMethod") ? json.string("clientAuthMethod") : "client_secret_basic";
        if (method == null || !AUTH_METHODS.contains(method)) {
            throw DomainException.invalid("'clientAuthMethod' must be client_secret_basic or client_secret_post");
        }
        boolean enabled = json.bool("enabled", true);
        TeamDomains domains = TeamDomains.of(session);
        List<String> claimable = TeamSaml.emailDomains(domains, json);
        if (json.string("issuer") == null) {
            throw DomainException.invalid("'issuer' is required: e.g. https://acme.okta.com or "
                    + "https://login.microsoftonline.com/<tenant id>/v2.0");
        }
        OidcSettings settings = OidcSettings.discover(fetcher, json.string("issuer"));
        TeamIdentityProviders.Saved saved = idps.saveOidc(team, settings, clientId.strip(), secret, method,
                enabled);
        List<EmailDomainEntity> claimed = domains.claimMissing(team, claimable);
        return new Saved(view(team, saved.idp()), saved.created(), claimed);
    }

    /** Whether the team signs in through an OIDC app (no view built). */
    public boolean isSet(TeamEntity team) {
        return idps.find(team, TeamIdentityProviders.OIDC).isPresent();
    }

    public Optional<OidcView> find(TeamEntity team) {
        return idps.find(team, TeamIdentityProviders.OIDC).map(idp -> view(team, idp));
    }

    public OidcView view(TeamEntity team) {
        return view(team, require(team));
    }

    /** Turns sign-in through the team's OIDC app on or off, keeping its settings. */
    public OidcView setEnabled(TeamEntity team, boolean enabled) {
        idps.setEnabled(require(team), enabled);
        return view(team);
    }

    public OidcView delete(TeamEntity team) {
        OidcView was = view(team);
        idps.delete(team);
        return was;
    }

    /** The redirect URI to register in the OIDC app; it depends only on the team. */
    public String redirectUri(TeamEntity team) {
        return idps.brokerEndpoint(TeamIdentityProviders.alias(team.getSlug()));
    }

    private IdentityProviderModel require(TeamEntity team) {
        return idps.find(team, TeamIdentityProviders.OIDC).orElseThrow(() ->
                DomainException.notFound("Team '" + team.getSlug() + "' has no OIDC identity provider"));
    }

    private OidcView view(TeamEntity team, IdentityProviderModel idp) {
        OIDCIdentityProviderConfig config = new OIDCIdentityProviderConfig(idp);
        List<EmailDomainEntity> claims = TeamDomains.of(session).ofTeam(team);
        String secret = config.getClientSecret();
        return new OidcView(team.getSlug(), idp.getAlias(), idp.isEnabled(), config.getIssuer(), config.getClientId(),
                secret != null && !secret.isBlank(), config.getClientAuthMethod(), config.getAuthorizationUrl(),
                config.getTokenUrl(), config.getJwksUrl(), config.getUserInfoUrl(), config.getLogoutUrl(),
                redirectUri(team), claims.stream().map(EmailDomainEntity::getDomain).toList(),
                claims.stream().map(c -> new SamlView.DomainState(c.getDomain(), c.isVerified())).toList(),
                FirstBrokerLoginFlow.ALIAS);
    }
}
