package io.preset.teams.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;
import io.preset.teams.events.AdminEvents;
import io.preset.teams.forward.ForwardConfig;
import io.preset.teams.forward.ForwardConfigs;
import io.preset.teams.forward.OutboxEntity;
import io.preset.teams.forward.OutboxStore;
import io.preset.teams.forward.OutboxWriter;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/realms/{realm}/teams/{slug}/forwarding}: the team's forwarding to a Preset Manager
 * style API, its resync, and its outbox (to watch it, and to retry or drop dead rows). Neither the
 * answers nor the admin events ever contain the token.
 */
public class ForwardingAdminResource extends TeamSubResource {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> STATES = Set.of(OutboxEntity.PENDING, OutboxEntity.IN_FLIGHT, OutboxEntity.SENT,
            OutboxEntity.DEAD);
    static final int MAX_PAGE = 1000;

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ForwardingRep(boolean enabled, String baseUrl, String remoteTeam, String userKey,
                         Map<String, String> workspaceIds, boolean tokenSet) {

        static ForwardingRep of(ForwardConfig config) {
            return new ForwardingRep(config.enabled(), config.baseUrl(), config.remoteTeam(), config.userKey(),
                    config.workspaceIds(), config.hasToken());
        }
    }

    record ResyncRep(int enqueued) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record OutboxRowRep(String id, String userId, long seq, String method, String path, JsonNode body, String state,
                        int attempts, String lastError, String createdAt, String nextAttemptAt, String sentAt) {

        static OutboxRowRep of(OutboxEntity row) {
            return new OutboxRowRep(row.getId(), row.getUserId(), row.getSeq(), row.getMethod(), row.getPath(),
                    json(row.getBody()), row.getState(), row.getAttempts(), row.getLastError(), instant(row.getCreatedAt()),
                    instant(row.getNextAttemptAt()), instant(row.getSentAt()));
        }
    }

    ForwardingAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                            TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        auth.users().requireView();
        return AdminResponses.run(session, () -> {
            store.team(slug);
            return Response.ok(ForwardingRep.of(config())).build();
        });
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(byte[] body) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            Optional<ForwardConfig> existing = configs().find(slug);
            ForwardConfig config = ForwardingRequest.read(JsonBody.text(body), slug, existing.orElse(null));
            configs().save(slug, config);
            if (config.enabled() && (existing.isEmpty() || !existing.get().enabled())) {
                // turning forwarding on: the target learns today's roles of every member
                writer().sync(team, config, null);
            }
            ForwardingRep rep = ForwardingRep.of(config);
            AdminEvents.record(adminEvent, AdminEvents.FORWARDING,
                    existing.isPresent() ? OperationType.UPDATE : OperationType.CREATE, path(), rep);
            return Response.ok(rep).build();
        });
    }

    @DELETE
    public Response delete() {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            ForwardingRep rep = ForwardingRep.of(config());
            configs().delete(slug);
            new OutboxStore(session).dropUnsent(team.getId());
            AdminEvents.record(adminEvent, AdminEvents.FORWARDING, OperationType.DELETE, path(), rep);
            return Response.noContent().build();
        });
    }

    @POST
    @Path("resync")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resync() {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            ResyncRep rep = new ResyncRep(writer().sync(team, config(), null));
            AdminEvents.record(adminEvent, AdminEvents.FORWARDING, OperationType.ACTION, path() + "/resync", rep);
            return Response.ok(rep).build();
        });
    }

    @GET
    @Path("outbox")
    @Produces(MediaType.APPLICATION_JSON)
    public Response outbox(@QueryParam("state") String state, @QueryParam("first") String first,
                           @QueryParam("max") String max) {
        auth.users().requireView();
        return AdminResponses.run(session, () -> {
            // no settings needed: after DELETE of the settings the sent rows are still listed
            TeamEntity team = store.team(slug);
            if (state != null && !STATES.contains(state)) {
                throw DomainException.invalid("'state' must be one of pending, in_flight, sent, dead");
            }
            int from = number("first", first, 0, 0, Integer.MAX_VALUE);
            int size = number("max", max, 100, 1, MAX_PAGE);
            List<OutboxRowRep> rows = outbox().page(team, state, from, size).stream().map(OutboxRowRep::of).toList();
            return Response.ok(rows).build();
        });
    }

    @POST
    @Path("outbox/{id}/retry")
    public Response retry(@PathParam("id") String id) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            OutboxEntity row = outbox().dead(store.team(slug), id);
            outbox().retry(row);
            AdminEvents.record(adminEvent, AdminEvents.FORWARDING, OperationType.ACTION, path() + "/outbox/" + id + "/retry",
                    OutboxRowRep.of(row));
            return Response.noContent().build();
        });
    }

    @DELETE
    @Path("outbox/{id}")
    public Response drop(@PathParam("id") String id) {
        auth.users().requireManage();
        return AdminResponses.run(session, () -> {
            OutboxEntity row = outbox().dead(store.team(slug), id);
            OutboxRowRep rep = OutboxRowRep.of(row);
            outbox().drop(row);
            AdminEvents.record(adminEvent, AdminEvents.FORWARDING, OperationType.DELETE, path() + "/outbox/" + id, rep);
            return Response.noContent().build();
        });
    }

    private OutboxStore outbox() {
        return new OutboxStore(session);
    }

    private ForwardConfig config() {
        return configs().find(slug).orElseThrow(() ->
                DomainException.notFound("Team '" + slug + "' has no forwarding configured"));
    }

    private ForwardConfigs configs() {
        return new ForwardConfigs(store.realm());
    }

    private OutboxWriter writer() {
        return new OutboxWriter(session, store.realm(), store);
    }

    private String path() {
        return "teams/" + slug + "/forwarding";
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw DomainException.invalid("'" + name + "' must be a whole number from " + min + " to " + max);
    }

    private static String instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    private static JsonNode json(String body) {
        if (body == null) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return MAPPER.getNodeFactory().textNode(body);
        }
    }
}
