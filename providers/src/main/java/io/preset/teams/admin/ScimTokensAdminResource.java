package io.preset.teams.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.auth.ScimTokenEntity;
import io.preset.teams.auth.ScimTokenStore;
import io.preset.teams.common.DomainException;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code /admin/realms/{realm}/teams/{slug}/scim-tokens}: per-team SCIM tokens for Okta's Header mode
 * and for Entra. The secret is in the response to POST only; listings and admin events carry neither
 * the secret nor its hash. DELETE revokes (the token stays listed as revoked).
 */
public class ScimTokensAdminResource extends TeamSubResource {

    static final int MAX_DAYS = 3650;
    private static final Set<String> FIELDS = Set.of("name", "expiresAt", "expiresInDays");

    /** A token as listed: never its secret or hash. Times are epoch milliseconds, like the rest of the API. */
    record ScimTokenRep(String id, String name, String status, long createdAt, String createdBy,
                        Long expiresAt, Long lastUsedAt, Long revokedAt, String revokedBy) {

        static ScimTokenRep of(ScimTokenEntity token) {
            long now = System.currentTimeMillis();
            String status = token.isRevoked() ? "revoked" : token.isExpired(now) ? "expired" : "active";
            return new ScimTokenRep(token.getId(), token.getName(), status, token.getCreatedAt(), token.getCreatedBy(),
                    token.getExpiresAt(), token.getLastUsedAt(), token.getRevokedAt(), token.getRevokedBy());
        }
    }

    /** The answer to POST: the listing fields plus the secret, shown this once. */
    record MintedScimTokenRep(String id, String name, String status, long createdAt, String createdBy,
                              Long expiresAt, Long lastUsedAt, String token) {
    }

    ScimTokensAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                            TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        auth.users().requireView();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            List<ScimTokenRep> tokens = tokens().list(team).stream().map(ScimTokenRep::of).toList();
            return Response.ok(tokens).build();
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            JsonBody json = JsonBody.parse(body, FIELDS);
            Long expiresAt = expiry(json);
            UserModel admin = auth.adminAuth().getUser();
            ScimTokenStore.Minted minted = tokens().mint(team, json.string("name"), expiresAt,
                    admin == null ? null : admin.getId(), admin == null ? null : admin.getUsername());
            ScimTokenRep rep = ScimTokenRep.of(minted.token());
            AdminEvents.record(adminEvent, AdminEvents.SCIM_TOKEN, OperationType.CREATE, path(rep.id()), rep);
            MintedScimTokenRep created = new MintedScimTokenRep(rep.id(), rep.name(), rep.status(), rep.createdAt(),
                    rep.createdBy(), rep.expiresAt(), rep.lastUsedAt(), minted.secret());
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.created(session.getContext().getUri().getAbsolutePathBuilder().path(rep.id()).build())
                    .cacheControl(noStore).header("Pragma", "no-cache")
                    .entity(created).type(MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") String id) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            ScimTokenEntity token = tokens().find(team, id).orElseThrow(() ->
                    DomainException.notFound("SCIM token '" + id + "' not found in team '" + slug + "'"));
            UserModel admin = auth.adminAuth().getUser();
            if (tokens().revoke(token, admin == null ? null : admin.getUsername())) {
                AdminEvents.record(adminEvent, AdminEvents.SCIM_TOKEN, OperationType.DELETE, path(id), ScimTokenRep.of(token));
            }
            return Response.noContent().build();
        });
    }

    private ScimTokenStore tokens() {
        return new ScimTokenStore(session, store.realm());
    }

    /** {@code expiresAt} (ISO-8601 instant or epoch milliseconds) or {@code expiresInDays}; neither: no expiry. */
    private static Long expiry(JsonBody json) {
        JsonNode at = json.value("expiresAt");
        JsonNode days = json.value("expiresInDays");
        if (at != null && days != null) {
            throw DomainException.invalid("Give 'expiresAt' or 'expiresInDays', not both");
        }
        long now = System.currentTimeMillis();
        long latest = now + TimeUnit.DAYS.toMillis(MAX_DAYS);
        if (days != null) {
            if (!days.isIntegralNumber() || days.asLong() < 1 || days.asLong() > MAX_DAYS) {
                throw DomainException.invalid("'expiresInDays' must be a whole number from 1 to " + MAX_DAYS);
            }
            return now + TimeUnit.DAYS.toMillis(days.asLong());
        }
        if (at == null) {
            return null;
        }
        long millis;
        if (at.isIntegralNumber()) {
            millis = at.asLong();
        } else if (at.isTextual()) {
            try {
                millis = Instant.parse(at.textValue()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw DomainException.invalid("'expiresAt' must be an ISO-8601 instant such as 2030-01-31T00:00:00Z"
                        + " or epoch milliseconds");
            }
        } else {
            throw DomainException.invalid("'expiresAt' must be an ISO-8601 instant string or epoch milliseconds");
        }
        if (millis <= now) {
            throw DomainException.invalid("'expiresAt' must be in the future");
        }
        if (millis > latest) {
            throw DomainException.invalid("'expiresAt' must be within " + MAX_DAYS + " days");
        }
        return millis;
    }

    private String path(String id) {
        return "teams/" + slug + "/scim-tokens/" + id;
    }
}
