package io.preset.teams.sso;

import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;
import io.preset.teams.ownership.EmailDomainEntity;
import io.preset.teams.ownership.TeamDomains;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.jboss.logging.Logger;
import org.keycloak.broker.saml.SAMLIdentityProviderConfig;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A team's SAML single sign-on, as the admin API and the team portal change it: settings from the IdP's metadata
 * XML, from its metadata URL (fetched now and refreshed later by {@link SamlMetadataRefresher}) or from three
 * values; certificate rollover; the values to paste back into Okta or Entra. The resources record the events.
 */
public class TeamSaml {

    public static final Set<String> FIELDS = Set.of("metadata", "metadataUrl", "singleSignOnServiceUrl", "idpEntityId",
            "signingCertificate", "emailDomains", "enabled", "spEntityId", "dropPreviousCertificates");
    private static final Logger LOG = Logger.getLogger(TeamSaml.class);
    private static final int MAX_ERROR = 500;

    private final KeycloakSession session;
    private final TeamStore store;
    private final TeamIdentityProviders idps;
    private final IdpDocumentFetcher fetcher;

    public TeamSaml(KeycloakSession session, TeamStore store) {
        this(session, store, IdpDocumentFetcher.configured());
    }

    TeamSaml(KeycloakSession session, TeamStore store, IdpDocumentFetcher fetcher) {
        this.session = session;
        this.store = store;
        this.idps = new TeamIdentityProviders(session, store.realm());
        this.fetcher = fetcher;
    }

    /** What a save did: the settings as now stored, whether the IdP is new, and the domain claims it added. */
    public record Saved(SamlView view, boolean created, List<EmailDomainEntity> claimed) {
    }

    /** Creates or replaces the team's identity provider from a PUT body ({@link #FIELDS}); validates all first. */
    public Saved put(TeamEntity team, JsonBody json) {
        int sources = (json.has("metadata") ? 1 : 0) + (json.has("metadataUrl") ? 1 : 0)
                + (json.has("singleSignOnServiceUrl") || json.has("idpEntityId") || json.has("signingCertificate") ? 1 : 0);
        if (sources > 1) {
            throw DomainException.invalid("Give one of 'metadata', 'metadataUrl', or 'singleSignOnServiceUrl', "
                    + "'idpEntityId' and 'signingCertificate'");
        }
        // the cheap checks first: a fetch of the metadata URL may take seconds
        TeamDomains domains = TeamDomains.of(session);
        List<String> claimable = emailDomains(domains, json);
        boolean enabled = json.bool("enabled", true);
        boolean dropPrevious = json.bool("dropPreviousCertificates", false);
        String spEntityId = json.has("spEntityId") ? SamlSettings.entityId("spEntityId", json.string("spEntityId"))
                : acsUrl(TeamIdentityProviders.alias(team.getSlug()));
        String metadataUrl = null;
        SamlSettings settings;
        if (json.has("metadata")) {
            settings = SamlSettings.fromMetadata(session, json.string("metadata"));
        } else if (json.has("metadataUrl")) {
            metadataUrl = fetcher.check(json.string("metadataUrl")).toString();
            settings = fromUrl(metadataUrl);
        } else {
            settings = SamlSettings.fromFields(json.string("singleSignOnServiceUrl"), json.string("idpEntityId"),
                    json.string("signingCertificate"));
        }
        IdentityProviderModel existing = idps.find(team, TeamIdentityProviders.SAML).orElse(null);
        long now = System.currentTimeMillis();
        CertificateRollover certificates = (existing == null ? CertificateRollover.NONE
                : TeamIdentityProviders.certificates(existing)).replace(settings.signingCertificates(), now,
                SamlOptions.rolloverMs());
        if (dropPrevious) {
            certificates = certificates.dropPrevious();
        }
        Map<String, String> state = rolloverState(certificates);
        if (metadataUrl != null) {
            state.put(TeamIdentityProviders.METADATA_URL, metadataUrl);
            state.put(TeamIdentityProviders.METADATA_UPDATED_AT, Long.toString(now));
        }
        TeamIdentityProviders.Saved saved = idps.save(team, settings, certificates, spEntityId, enabled, state);
        List<EmailDomainEntity> claimed = domains.claimMissing(team, claimable);
        return new Saved(view(team, saved.idp()), saved.created(), claimed);
    }

    public SamlView view(TeamEntity team) {
        return view(team, require(team));
    }

    /** The team's identity provider, if it has one. */
    public java.util.Optional<SamlView> find(TeamEntity team) {
        return idps.find(team, TeamIdentityProviders.SAML).map(idp -> view(team, idp));
    }

    /**
     * What the IdP's admin types into its SAML app before any metadata exists here: the ACS URL and the audience
     * (our SP entity id), which depend only on the team.
     */
    public record SpValues(String acsUrl, String spEntityId) {
    }

    public SpValues spValues(TeamEntity team) {
        String acs = acsUrl(TeamIdentityProviders.alias(team.getSlug()));
        return new SpValues(acs, acs);
    }

    /** Turns single sign-on through the team's IdP on or off, keeping its settings. */
    public SamlView setEnabled(TeamEntity team, boolean enabled) {
        idps.setEnabled(require(team), enabled);
        return view(team);
    }

    /** Removes the team's identity provider; returns what it was. */
    public SamlView delete(TeamEntity team) {
        SamlView was = view(team);
        idps.delete(team);
        return was;
    }

    /** Stops accepting the certificates that newer settings replaced. */
    public SamlView dropPreviousCertificates(TeamEntity team) {
        IdentityProviderModel idp = require(team);
        CertificateRollover certificates = TeamIdentityProviders.certificates(idp).dropPrevious();
        return view(team, write(idp, certificates, Map.of(), false));
    }

    /**
     * Fetches the metadata URL again now and applies what changed (new certificates start a rollover window). A
     * failed fetch changes no setting: it is recorded in {@code metadataError} and shown, not thrown.
     */
    public SamlView refresh(TeamEntity team) {
        IdentityProviderModel idp = require(team);
        if (url(idp) == null) {
            throw DomainException.invalid("Team '" + team.getSlug() + "' takes its SAML settings from uploaded "
                    + "metadata or values, not from a metadata URL: there is nothing to refresh");
        }
        refresh(team, idp, System.currentTimeMillis());
        return view(team);
    }

    /** The background refresh of one team: true when it changed something. */
    boolean refresh(TeamEntity team, IdentityProviderModel idp, long now) {
        String url = url(idp);
        CertificateRollover before = TeamIdentityProviders.certificates(idp);
        CertificateRollover expired = before.expire(now);
        if (url == null) {
            if (expired.equals(before)) {
                return false;
            }
            write(idp, expired, Map.of(), false);
            return true;
        }
        SamlSettings fetched;
        try {
            fetched = fromUrl(url);
        } catch (DomainException e) {
            String error = e.getMessage().length() > MAX_ERROR ? e.getMessage().substring(0, MAX_ERROR) : e.getMessage();
            LOG.warnf("SAML metadata of team '%s' (realm %s) from %s: %s; its settings are kept", team.getSlug(),
                    store.realm().getName(), url, error);
            Map<String, String> state = new HashMap<>();
            state.put(TeamIdentityProviders.METADATA_ERROR, error);
            state.put(TeamIdentityProviders.METADATA_ERROR_AT, Long.toString(now));
            write(idp, expired, state, false);
            return true;
        }
        SAMLIdentityProviderConfig config = new SAMLIdentityProviderConfig(idp);
        boolean same = Objects.equals(fetched.singleSignOnServiceUrl(), config.getSingleSignOnServiceUrl())
                && Objects.equals(fetched.singleLogoutServiceUrl(), blankToNull(config.getSingleLogoutServiceUrl()))
                && Objects.equals(fetched.idpEntityId(), config.getIdpEntityId())
                && Set.copyOf(fetched.signingCertificates()).equals(Set.copyOf(before.current()));
        boolean hadError = idp.getConfig().get(TeamIdentityProviders.METADATA_ERROR) != null;
        if (same && expired.equals(before) && !hadError) {
            return false;
        }
        CertificateRollover next = expired.replace(fetched.signingCertificates(), now, SamlOptions.rolloverMs());
        Map<String, String> state = new HashMap<>();
        if (!same) {
            state.put(TeamIdentityProviders.METADATA_UPDATED_AT, Long.toString(now));
            config.setSingleSignOnServiceUrl(fetched.singleSignOnServiceUrl());
            config.setIdpEntityId(fetched.idpEntityId());
            config.setSingleLogoutServiceUrl(fetched.singleLogoutServiceUrl());
            LOG.infof("SAML metadata of team '%s' (realm %s) changed at %s; settings updated", team.getSlug(),
                    store.realm().getName(), url);
        }
        write(config, next, state, true);
        return true;
    }

    /**
     * Writes the certificates and state entries onto the IdP as it is; {@code fetched} (a successful fetch of the
     * metadata URL) also clears the last fetch error.
     */
    private IdentityProviderModel write(IdentityProviderModel idp, CertificateRollover certificates,
                                        Map<String, String> state, boolean fetched) {
        Map<String, String> config = idp.getConfig();
        config.put(SAMLIdentityProviderConfig.SIGNING_CERTIFICATE_KEY, String.join(",", certificates.accepted()));
        config.remove(TeamIdentityProviders.PREVIOUS_CERTIFICATES);
        config.remove(TeamIdentityProviders.PREVIOUS_UNTIL);
        if (fetched) {
            config.remove(TeamIdentityProviders.METADATA_ERROR);
            config.remove(TeamIdentityProviders.METADATA_ERROR_AT);
        }
        config.putAll(rolloverState(certificates));
        config.putAll(state);
        session.identityProviders().update(idp);
        return session.identityProviders().getByAlias(idp.getAlias());
    }

    private SamlSettings fromUrl(String url) {
        String xml = fetcher.fetch(url);
        try {
            return SamlSettings.fromMetadata(session, xml);
        } catch (DomainException e) {
            throw DomainException.invalid("'metadataUrl' answered, but " + e.getMessage());
        }
    }

    private IdentityProviderModel require(TeamEntity team) {
        return idps.find(team, TeamIdentityProviders.SAML).orElseThrow(() ->
                DomainException.notFound("Team '" + team.getSlug() + "' has no SAML identity provider"));
    }

    private static String url(IdentityProviderModel idp) {
        return idp.getConfig().get(TeamIdentityProviders.METADATA_URL);
    }

    private static Map<String, String> rolloverState(CertificateRollover certificates) {
        Map<String, String> state = new HashMap<>();
        if (!certificates.previous().isEmpty()) {
            state.put(TeamIdentityProviders.PREVIOUS_CERTIFICATES, String.join(",", certificates.previous()));
            state.put(TeamIdentityProviders.PREVIOUS_UNTIL, Long.toString(certificates.previousUntil()));
        }
        return state;
    }

    private String acsUrl(String alias) {
        return idps.brokerEndpoint(alias);
    }

    private SamlView view(TeamEntity team, IdentityProviderModel idp) {
        SAMLIdentityProviderConfig config = new SAMLIdentityProviderConfig(idp);
        List<EmailDomainEntity> claims = TeamDomains.of(session).ofTeam(team);
        String acs = acsUrl(idp.getAlias());
        CertificateRollover certificates = TeamIdentityProviders.certificates(idp);
        Map<String, String> c = idp.getConfig();
        SamlView.Metadata metadata = url(idp) == null ? null : new SamlView.Metadata(url(idp),
                nullableNumber(c.get(TeamIdentityProviders.METADATA_UPDATED_AT)),
                c.get(TeamIdentityProviders.METADATA_ERROR), nullableNumber(c.get(TeamIdentityProviders.METADATA_ERROR_AT)),
                SamlOptions.refreshIntervalMs() / 1000);
        SamlView.Previous previous = certificates.previous().isEmpty() ? null
                : new SamlView.Previous(certificates.previous(), certificates.previousUntil());
        return new SamlView(team.getSlug(), idp.getAlias(), idp.isEnabled(), config.getIdpEntityId(),
                config.getSingleSignOnServiceUrl(), blankToNull(config.getSingleLogoutServiceUrl()), certificates.current(),
                previous, metadata,
                config.getNameIDPolicyFormat(), claims.stream().map(EmailDomainEntity::getDomain).toList(),
                claims.stream().map(cl -> new SamlView.DomainState(cl.getDomain(), cl.isVerified())).toList(),
                config.getEntityId() != null ? config.getEntityId() : acs, acs, acs + "/descriptor",
                FirstBrokerLoginFlow.ALIAS);
    }

    /** The body's {@code emailDomains} ("@acme.com" or "acme.com"), each one a team may claim; a 400 otherwise. */
    static List<String> emailDomains(TeamDomains domains, JsonBody json) {
        return domains.claimable(json.strings("emailDomains").stream()
                .map(d -> d.strip().startsWith("@") ? d.strip().substring(1) : d).toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Long nullableNumber(String value) {
        long n = TeamIdentityProviders.number(value);
        return n == 0 ? null : n;
    }
}
