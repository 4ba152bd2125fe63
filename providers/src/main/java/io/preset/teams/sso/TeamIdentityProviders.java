package io.preset.teams.sso;

import io.preset.teams.common.DomainException;
import io.preset.teams.ownership.EmailDomainStore;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.broker.saml.SAMLIdentityProviderConfig;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderStorageProvider;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.saml.SamlPrincipalType;
import org.keycloak.urls.UrlType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SAML identity provider of a team: a regular Keycloak SAML identity provider with alias
 * {@code team-<slug>}, tied to its team by the config entry {@value #TEAM_ID}, hidden from the login page
 * (users reach it by {@code kc_idp_hint} or by a verified email domain of the team) and using the
 * {@value FirstBrokerLoginFlow#ALIAS} flow.
 */
public class TeamIdentityProviders {

    public static final String ALIAS_PREFIX = "team-";
    public static final String SAML = "saml";
    public static final String OIDC = "oidc";
    public static final String TEAM_ID = "presetTeamId";
    public static final String TEAM_SLUG = "presetTeamSlug";
    /** Certificates replaced by newer settings and still accepted until {@link #PREVIOUS_UNTIL} (ms). */
    static final String PREVIOUS_CERTIFICATES = "presetPreviousCertificates";
    static final String PREVIOUS_UNTIL = "presetPreviousCertificatesUntil";
    /** The metadata URL the settings come from and are refreshed from; when it last changed them; its last error. */
    static final String METADATA_URL = "presetMetadataUrl";
    static final String METADATA_UPDATED_AT = "presetMetadataUpdatedAt";
    static final String METADATA_ERROR = "presetMetadataError";
    static final String METADATA_ERROR_AT = "presetMetadataErrorAt";
    static final List<String> STATE_KEYS = List.of(PREVIOUS_CERTIFICATES, PREVIOUS_UNTIL, METADATA_URL,
            METADATA_UPDATED_AT, METADATA_ERROR, METADATA_ERROR_AT);
    private static final String ATTRIBUTE_MAPPER = "saml-user-attribute-idp-mapper";
    /** Entra's (and ADFS's) claim URIs. */
    private static final String ENTRA_CLAIMS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/";

    private final KeycloakSession session;
    private final RealmModel realm;

    public TeamIdentityProviders(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public static String alias(String slug) {
        return ALIAS_PREFIX + slug;
    }

    /**
     * {@code {frontend}/realms/{realm}/broker/{alias}/endpoint}: where the IdP answers. SAML's ACS URL (and the default
     * SP entity id), OIDC's redirect URI.
     */
    public String brokerEndpoint(String alias) {
        return session.getContext().getUri(UrlType.FRONTEND).getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("broker").path(alias).path("endpoint")
                .build().toString();
    }

    private IdentityProviderStorageProvider idps() {
        return session.identityProviders();
    }

    /** The team's identity provider, if one exists and is tied to this team. */
    public Optional<IdentityProviderModel> find(TeamEntity team) {
        IdentityProviderModel idp = idps().getByAlias(alias(team.getSlug()));
        return idp != null && team.getId().equals(idp.getConfig().get(TEAM_ID)) ? Optional.of(idp) : Optional.empty();
    }

    /** The team's identity provider of protocol {@code providerId} ({@value #SAML} or {@value #OIDC}), if it has that one. */
    public Optional<IdentityProviderModel> find(TeamEntity team, String providerId) {
        return find(team).filter(idp -> providerId.equals(idp.getProviderId()));
    }

    /** The team an identity provider belongs to, in this realm. */
    public static Optional<TeamEntity> teamOf(TeamStore store, IdentityProviderModel idp) {
        String teamId = idp == null || idp.getConfig() == null ? null : idp.getConfig().get(TEAM_ID);
        if (teamId == null) {
            return Optional.empty();
        }
        return store.findTeamById(teamId);
    }

    /**
     * The enabled identity provider of the team that verified the domain of {@code email}. An unverified claim
     * routes nothing: otherwise any team could send another company's users to its own IdP.
     */
    public Optional<IdentityProviderModel> forEmail(String email) {
        TeamStore store = new TeamStore(session, realm);
        return new EmailDomainStore(session)
                .verifiedTeamId(realm.getId(), EmailDomainStore.domainOf(email))
                .flatMap(store::findTeamById)
                .flatMap(this::find)
                .filter(IdentityProviderModel::isEnabled);
    }

    /**
     * Creates or replaces the team's SAML identity provider; returns it and whether it was created. Keycloak accepts
     * every certificate of {@code certificates} ({@link CertificateRollover#accepted()}); {@code state} holds the
     * rollover and metadata-URL entries ({@link #STATE_KEYS}), a missing key meaning none.
     */
    public Saved save(TeamEntity team, SamlSettings settings, CertificateRollover certificates, String spEntityId,
                      boolean enabled, Map<String, String> state) {
        String alias = alias(team.getSlug());
        IdentityProviderModel existing = existingOf(team, SAML);
        SAMLIdentityProviderConfig config = new SAMLIdentityProviderConfig();
        if (existing != null) {
            config.setInternalId(existing.getInternalId());
        }
        applyTeamRules(config, team, SAML, enabled);
        config.setSingleSignOnServiceUrl(settings.singleSignOnServiceUrl());
        config.setSingleLogoutServiceUrl(settings.singleLogoutServiceUrl());
        config.setIdpEntityId(settings.idpEntityId());
        config.setSigningCertificate(String.join(",", certificates.accepted()));
        config.setEntityId(spEntityId);
        config.setNameIDPolicyFormat(settings.nameIdFormat());
        config.setPrincipalType(SamlPrincipalType.SUBJECT);
        config.setValidateSignature(true);
        config.setWantAssertionsSigned(true);
        config.setWantAuthnRequestsSigned(false);
        config.setPostBindingAuthnRequest(true);
        config.setPostBindingResponse(true);
        config.setPostBindingLogout(true);
        config.setAllowCreated(true);
        config.setLoginHint(false);
        state.forEach((key, value) -> {
            if (STATE_KEYS.contains(key) && value != null) {
                config.getConfig().put(key, value);
            }
        });
        try {
            config.validate(realm);
        } catch (RuntimeException e) {
            throw DomainException.invalid(e.getMessage());
        }
        if (existing == null) {
            IdentityProviderModel created = idps().create(config);
            addAttributeMappers(alias);
            return new Saved(created, true);
        }
        idps().update(config);
        addAttributeMappers(alias);
        return new Saved(idps().getByAlias(alias), false);
    }

    public record Saved(IdentityProviderModel idp, boolean created) {
    }

    /**
     * Creates or replaces the team's OIDC identity provider (an Okta or Entra OIDC app); a null {@code clientSecret}
     * keeps the stored one. Signatures are checked against the issuer's JWKS, the issuer of each token is checked,
     * and PKCE (S256) is used.
     */
    public Saved saveOidc(TeamEntity team, OidcSettings settings, String clientId, String clientSecret,
                          String clientAuthMethod, boolean enabled) {
        String alias = alias(team.getSlug());
        IdentityProviderModel existing = existingOf(team, OIDC);
        OIDCIdentityProviderConfig config = new OIDCIdentityProviderConfig();
        String secret = clientSecret;
        if (existing != null) {
            config.setInternalId(existing.getInternalId());
            if (secret == null) {
                secret = existing.getConfig().get("clientSecret");
            }
        }
        if (secret == null || secret.isBlank()) {
            throw DomainException.invalid("'clientSecret' is required: the client secret of the OIDC app");
        }
        applyTeamRules(config, team, OIDC, enabled);
        config.setIssuer(settings.issuer());
        config.setAuthorizationUrl(settings.authorizationUrl());
        config.setTokenUrl(settings.tokenUrl());
        config.setJwksUrl(settings.jwksUrl());
        config.setUseJwksUrl(true);
        config.setValidateSignature(true);
        config.setUserInfoUrl(settings.userInfoUrl());
        config.setLogoutUrl(settings.logoutUrl());
        config.setClientId(clientId);
        config.setClientSecret(secret);
        config.setClientAuthMethod(clientAuthMethod);
        config.setDefaultScope("openid email profile");
        config.setPkceEnabled(true);
        config.setPkceMethod("S256");
        config.setLoginHint(true);
        try {
            config.validate(realm);
        } catch (RuntimeException e) {
            throw DomainException.invalid(e.getMessage());
        }
        if (existing == null) {
            return new Saved(idps().create(config), true);
        }
        idps().update(config);
        return new Saved(idps().getByAlias(alias), false);
    }

    /** The team's identity provider of this alias, if any; a 409 if it belongs to no team or is of the other protocol. */
    private IdentityProviderModel existingOf(TeamEntity team, String providerId) {
        String alias = alias(team.getSlug());
        IdentityProviderModel existing = idps().getByAlias(alias);
        if (existing != null && !team.getId().equals(existing.getConfig().get(TEAM_ID))) {
            throw DomainException.conflict("An identity provider '" + alias + "' exists that is not tied to team '"
                    + team.getSlug() + "'; remove it in the admin console first");
        }
        requireProvider(team, existing, providerId);
        return existing;
    }

    /**
     * What every team IdP is, SAML or OIDC: tied to its team, hidden on the login page, trusted for the email it
     * asserts (the first-broker-login flow decides which accounts it may have), imported once, with the team flows.
     */
    private void applyTeamRules(IdentityProviderModel config, TeamEntity team, String providerId, boolean enabled) {
        config.setAlias(alias(team.getSlug()));
        config.setProviderId(providerId);
        config.setDisplayName(team.getTitle());
        config.setEnabled(enabled);
        config.setHideOnLogin(true);
        config.setTrustEmail(true);
        config.setStoreToken(false);
        config.setLinkOnly(false);
        config.setSyncMode(IdentityProviderSyncMode.IMPORT);
        config.setFirstBrokerLoginFlowId(FirstBrokerLoginFlow.ensure(realm));
        config.setPostBrokerLoginFlowId(FirstBrokerLoginFlow.ensurePostBrokerLogin(realm));
        config.getConfig().put(TEAM_ID, team.getId());
        config.getConfig().put(TEAM_SLUG, team.getSlug());
    }

    /** A team has one identity provider: SAML or OIDC. Switching means removing the other first. */
    private static void requireProvider(TeamEntity team, IdentityProviderModel existing, String providerId) {
        if (existing != null && !providerId.equals(existing.getProviderId())) {
            String other = SAML.equals(existing.getProviderId()) ? "saml" : "oidc";
            throw DomainException.conflict("Team '" + team.getSlug() + "' signs in through " + other.toUpperCase()
                    + " now; remove that first (DELETE .../teams/" + team.getSlug() + "/" + other + ")");
        }
    }

    /** Turns sign-in through the team's identity provider on or off, keeping its settings. */
    public void setEnabled(IdentityProviderModel idp, boolean enabled) {
        if (idp.isEnabled() != enabled) {
            idp.setEnabled(enabled);
            idps().update(idp);
        }
    }

    public boolean delete(TeamEntity team) {
        return find(team).map(idp -> idps().remove(idp.getAlias())).orElse(false);
    }

    /**
     * The attribute statements into the Keycloak profile (first login only): Okta's {@code email}, {@code firstName},
     * {@code lastName}, and the claim URIs Entra sends by default for the same three, so one IdP works with either.
     */
    private static final Map<String, Attribute> ATTRIBUTES = Map.of(
            "email", new Attribute("email", "email"),
            "firstName", new Attribute("firstName", "firstName"),
            "lastName", new Attribute("lastName", "lastName"),
            "entra-email", new Attribute(ENTRA_CLAIMS + "emailaddress", "email"),
            "entra-firstName", new Attribute(ENTRA_CLAIMS + "givenname", "firstName"),
            "entra-lastName", new Attribute(ENTRA_CLAIMS + "surname", "lastName"));

    /** A SAML attribute statement's name, and the profile attribute it fills. */
    private record Attribute(String samlName, String userAttribute) {
    }

    /** Adds the mappers the IdP lacks (also to IdPs created before the Entra ones existed). */
    private void addAttributeMappers(String alias) {
        for (Map.Entry<String, Attribute> entry : ATTRIBUTES.entrySet()) {
            if (idps().getMapperByName(alias, entry.getKey()) != null) {
                continue;
            }
            IdentityProviderMapperModel mapper = new IdentityProviderMapperModel();
            mapper.setName(entry.getKey());
            mapper.setIdentityProviderAlias(alias);
            mapper.setIdentityProviderMapper(ATTRIBUTE_MAPPER);
            Map<String, String> config = new HashMap<>();
            config.put("syncMode", "INHERIT");
            config.put("attribute.name", entry.getValue().samlName());
            config.put("user.attribute", entry.getValue().userAttribute());
            mapper.setConfig(config);
            idps().createMapper(mapper);
        }
    }

    /** The certificates the IdP accepts, split into the current and the previous ones. */
    public static CertificateRollover certificates(IdentityProviderModel idp) {
        List<String> accepted = list(idp.getConfig().get(SAMLIdentityProviderConfig.SIGNING_CERTIFICATE_KEY));
        List<String> previous = list(idp.getConfig().get(PREVIOUS_CERTIFICATES));
        previous.retainAll(accepted);
        List<String> current = new ArrayList<>(accepted);
        current.removeAll(previous);
        long until = previous.isEmpty() ? 0 : number(idp.getConfig().get(PREVIOUS_UNTIL));
        return new CertificateRollover(current, previous, until);
    }

    static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> list(String value) {
        List<String> certs = new ArrayList<>();
        if (value != null) {
            for (String cert : value.split(",")) {
                if (!cert.isBlank()) {
                    certs.add(cert.strip());
                }
            }
        }
        return certs;
    }
}
