package io.preset.teams.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.ownership.EmailDomainEntity;
import io.preset.teams.ownership.TeamDomains;
import io.preset.teams.sso.FirstBrokerLoginFlow;
import io.preset.teams.sso.SamlSettings;
import io.preset.teams.sso.TeamIdentityProviders;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.broker.saml.SAMLIdentityProviderConfig;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.urls.UrlType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /admin/realms/{realm}/teams/{slug}/saml}: the team's SAML identity provider (Okta's SAML app), a
 * Keycloak SAML identity provider with alias {@code team-<slug>}. PUT creates or replaces it from Okta's IdP
 * metadata XML ({@code metadata}) or from {@code singleSignOnServiceUrl}, {@code idpEntityId} and
 * {@code signingCertificate}. {@code emailDomains} claims those domains for the team (as {@code POST .../domains}
 * would; a claim already there is kept, and a claim left out of the list is not removed): once verified, a domain
 * routes its users to the team's IdP. Reading needs
 * view-users; writing needs manage-users and, since it changes an identity provider, manage-identity-providers.
 */
public class TeamSamlAdminResource extends TeamSubResource {

    /** Admin event resource type of a team's identity provider. */
    public static final String RESOURCE_TYPE = "PRESET_TEAM_IDENTITY_PROVIDER";

    private static final Set<String> FIELDS = Set.of("metadata", "singleSignOnServiceUrl", "idpEntityId",
            "signingCertificate", "emailDomains", "enabled", "spEntityId");

    private final TeamIdentityProviders idps;

    TeamSamlAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                          TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
        this.idps = new TeamIdentityProviders(session, store.realm());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        auth.users().requireView();
        return AdminResponses.run(session, () -> Response.ok(represent(store.team(slug), idp(store.team(slug)))).build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(byte[] body) {
        auth.users().requireManage();
        auth.realm().requireManageIdentityProviders();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            JsonBody json = JsonBody.parse(body, FIELDS);
            SamlSettings settings;
            if (json.has("metadata")) {
                if (json.has("singleSignOnServiceUrl") || json.has("idpEntityId") || json.has("signingCertificate")) {
                    throw DomainException.invalid("Give either 'metadata' or 'singleSignOnServiceUrl', 'idpEntityId' and "
                            + "'signingCertificate', not both");
                }
                settings = SamlSettings.fromMetadata(session, json.string("metadata"));
            } else {
                settings = SamlSettings.fromFields(json.string("singleSignOnServiceUrl"), json.string("idpEntityId"),
                        json.string("signingCertificate"));
            }
            TeamDomains domains = TeamDomains.of(session, store.entityManager());
            List<String> claimed = domains.claimable(strings(json, "emailDomains").stream()
                    .map(d -> d.strip().startsWith("@") ? d.strip().substring(1) : d).toList());
            JsonNode enabledNode = json.value("enabled");
            if (enabledNode != null && !enabledNode.isBoolean()) {
                throw DomainException.invalid("Field 'enabled' must be a boolean");
            }
            boolean enabled = enabledNode == null || enabledNode.booleanValue();
            String spEntityId = json.has("spEntityId") ? SamlSettings.entityId("spEntityId", json.string("spEntityId"))
                    : endpoint(TeamIdentityProviders.alias(slug));
            TeamIdentityProviders.Saved saved = idps.save(team, settings, spEntityId, enabled);
            for (EmailDomainEntity claim : domains.claimMissing(team, claimed)) {
                DomainsAdminResource.recordClaimed(adminEvent, slug, claim);
            }
            Object rep = represent(team, saved.idp());
            AdminEvents.record(adminEvent, RESOURCE_TYPE, saved.created() ? OperationType.CREATE : OperationType.UPDATE,
                    path(), rep);
            return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                    .entity(rep).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @DELETE
    public Response delete() {
        auth.users().requireManage();
        auth.realm().requireManageIdentityProviders();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            Object rep = represent(team, idp(team));
            idps.delete(team);
            AdminEvents.record(adminEvent, RESOURCE_TYPE, OperationType.DELETE, path(), rep);
            return Response.noContent().build();
        });
    }

    private IdentityProviderModel idp(TeamEntity team) {
        return idps.find(team).orElseThrow(() ->
                DomainException.notFound("Team '" + team.getSlug() + "' has no SAML identity provider"));
    }

    private String path() {
        return "teams/" + slug + "/saml";
    }

    /** {@code {frontend}/realms/{realm}/broker/{alias}/endpoint}: the ACS URL, and the default SP entity id. */
    private String endpoint(String alias) {
        return session.getContext().getUri(UrlType.FRONTEND).getBaseUriBuilder()
                .path("realms").path(store.realm().getName()).path("broker").path(alias).path("endpoint")
                .build().toString();
    }

    private SamlRep represent(TeamEntity team, IdentityProviderModel idp) {
        SAMLIdentityProviderConfig config = new SAMLIdentityProviderConfig(idp);
        List<EmailDomainEntity> claims = TeamDomains.of(session, store.entityManager()).ofTeam(team);
        String acs = endpoint(idp.getAlias());
        return new SamlRep(team.getSlug(), idp.getAlias(), idp.isEnabled(), config.getIdpEntityId(),
                config.getSingleSignOnServiceUrl(), TeamIdentityProviders.signingCertificates(idp),
                config.getNameIDPolicyFormat(), claims.stream().map(EmailDomainEntity::getDomain).toList(),
                claims.stream().map(c -> new DomainState(c.getDomain(), c.isVerified())).toList(),
                config.getEntityId() != null ? config.getEntityId() : acs, acs, acs + "/descriptor",
                FirstBrokerLoginFlow.ALIAS);
    }

    /**
     * @param spEntityId   audience of the assertions (Okta: "Audience URI (SP Entity ID)")
     * @param acsUrl       Okta: "Single sign-on URL" (Recipient and Destination too)
     * @param spMetadataUrl Keycloak's SP metadata of this identity provider
     * @param emailDomains every domain the team claims, verified or not (as before domains were verified)
     * @param domains      the same with their state: only verified ones route to the IdP
     */
    record SamlRep(String team, String alias, boolean enabled, String idpEntityId, String singleSignOnServiceUrl,
                   List<String> signingCertificates, String nameIdFormat, List<String> emailDomains,
                   List<DomainState> domains, String spEntityId, String acsUrl, String spMetadataUrl,
                   String firstBrokerLoginFlow) {
    }

    record DomainState(String domain, boolean verified) {
    }

    private static List<String> strings(JsonBody json, String field) {
        JsonNode value = json.value(field);
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!value.isArray()) {
            throw DomainException.invalid("Field '" + field + "' must be an array of strings");
        }
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw DomainException.invalid("Field '" + field + "' must be an array of strings");
            }
            out.add(element.textValue());
        }
        return out;
    }
}
