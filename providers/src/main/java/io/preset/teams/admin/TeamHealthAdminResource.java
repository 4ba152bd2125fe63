package io.preset.teams.admin;

import io.preset.teams.scim.log.ProvisioningLogStore;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import io.preset.teams.forward.OutboxEntity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /admin/realms/{realm}/teams/{slug}/health}: is the team's provisioning working? The last successful
 * SCIM request of each client (within the log's retention), the requests, errors and 429s of the last hour, and the
 * team's forwarding outbox (backlog and dead rows). Needs view-users.
 */
public class TeamHealthAdminResource extends TeamSubResource {

    static final long WINDOW_MS = TimeUnit.HOURS.toMillis(1);

    TeamHealthAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                            TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        auth.users().requireView();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            ProvisioningLogStore log = new ProvisioningLogStore(session);
            long now = System.currentTimeMillis();
            long since = now - WINDOW_MS;

            Map<String, Long> byStatus = new TreeMap<>();
            long requests = 0;
            long errors = 0;
            long throttled = 0;
            for (Map.Entry<Integer, Long> e : log.statusesSince(team.getId(), since).entrySet()) {
                byStatus.put(Integer.toString(e.getKey()), e.getValue());
                requests += e.getValue();
                errors += e.getKey() >= 400 ? e.getValue() : 0;
                throttled += e.getKey() == 429 ? e.getValue() : 0;
            }
            Map<String, Object> lastHour = new LinkedHashMap<>();
            lastHour.put("since", Instant.ofEpochMilli(since).toString());
            lastHour.put("requests", requests);
            lastHour.put("errors", errors);
            lastHour.put("errorRate", requests == 0 ? 0.0 : (double) errors / requests);
            lastHour.put("throttled", throttled);
            lastHour.put("byStatus", byStatus);

            List<Map<String, Object>> clients = new ArrayList<>();
            for (Object[] row : log.lastSuccessPerClient(team.getId())) {
                Map<String, Object> client = new LinkedHashMap<>();
                client.put("kind", row[0]);
                client.put("id", row[1]);
                client.put("name", row[2]);
                long at = ((Number) row[3]).longValue();
                client.put("lastSuccessAt", Instant.ofEpochMilli(at).toString());
                client.put("lastSuccessAtMs", at);
                clients.add(client);
            }
            clients.sort((a, b) -> Long.compare((Long) b.get("lastSuccessAtMs"), (Long) a.get("lastSuccessAtMs")));

            Map<String, Long> outboxRows = log.outboxByState(team.getId());
            Map<String, Object> outbox = new LinkedHashMap<>();
            outbox.put("backlog", outboxRows.get(OutboxEntity.PENDING) + outboxRows.get(OutboxEntity.IN_FLIGHT));
            outbox.put("pending", outboxRows.get(OutboxEntity.PENDING));
            outbox.put("inFlight", outboxRows.get(OutboxEntity.IN_FLIGHT));
            outbox.put("dead", outboxRows.get(OutboxEntity.DEAD));

            Map<String, Object> health = new LinkedHashMap<>();
            health.put("team", slug);
            health.put("at", Instant.ofEpochMilli(now).toString());
            health.put("lastHour", lastHour);
            health.put("clients", clients);
            health.put("outbox", outbox);
            return Response.ok(health).build();
        });
    }
}
