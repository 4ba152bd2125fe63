package io.preset.teams.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preset.teams.common.DomainException;
import io.preset.teams.scim.log.ProvisioningLogEntity;
import io.preset.teams.scim.log.ProvisioningLogStore;
import io.preset.teams.scim.log.ProvisioningLogView;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /admin/realms/{realm}/teams/{slug}/provisioning-log}: the team's SCIM requests, newest first, as JSON
 * (an array), CSV or JSON lines ({@code ?format=csv|jsonl}, or {@code Accept: text/csv} /
 * {@code application/x-ndjson}). Filters: {@code status} (a code such as {@code 409}, a class such as {@code 4xx},
 * {@code error} or {@code ok}), {@code user} (the user's SCIM id or userName), {@code since} (ISO-8601 instant or
 * epoch milliseconds); paged by {@code first} and {@code max} (at most 1000, 10000 for exports). Needs view-users;
 * reads are not admin events.
 */
public class ProvisioningLogAdminResource extends TeamSubResource {

    static final int EXPORT_DEFAULT_MAX = 1000;
    static final int EXPORT_MAX = 10_000;
    static final String CSV = "text/csv";
    static final String JSONL = "application/x-ndjson";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CSV_COLUMNS = List.of("time", "durationMs", "clientKind", "clientId", "clientName",
            "userAgent", "method", "path", "filter", "status", "scimType", "errorKind", "help", "resourceType", "resourceId",
            "resourceName", "detail", "changes");

    ProvisioningLogAdminResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                                 TeamStore store, String slug) {
        super(session, auth, adminEvent, store, slug);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV, JSONL})
    public Response list(@QueryParam("status") String status, @QueryParam("user") String user, @QueryParam("since") String since,
                         @QueryParam("first") String first, @QueryParam("max") String max, @QueryParam("format") String format) {
        auth.users().requireView();
        return AdminResponses.run(session, () -> {
            TeamEntity team = store.team(slug);
            String type = format(format);
            AdminPage page = type.equals(MediaType.APPLICATION_JSON) ? AdminPage.of(first, max)
                    : AdminPage.of(first, max, EXPORT_DEFAULT_MAX, EXPORT_MAX);
            ProvisioningLogStore.Filter filter = ProvisioningLogView.filter(status, user, since);
            List<ProvisioningLogEntity> rows = new ProvisioningLogStore(session)
                    .list(team.getId(), filter, page.first(), page.max());
            List<Map<String, Object>> entries = rows.stream().map(ProvisioningLogView::entry).toList();
            return switch (type) {
                case CSV -> Response.ok(csv(entries), CSV + ";charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"provisioning-log-" + slug + ".csv\"").build();
                case JSONL -> Response.ok(jsonLines(entries), JSONL + ";charset=utf-8")
                        .header("Content-Disposition", "attachment; filename=\"provisioning-log-" + slug + ".jsonl\"").build();
                default -> Response.ok(entries, MediaType.APPLICATION_JSON_TYPE).build();
            };
        });
    }

    /** {@code format} wins over Accept; JSON when neither asks for an export. */
    private String format(String format) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "json" -> MediaType.APPLICATION_JSON;
                case "csv" -> CSV;
                case "jsonl", "ndjson" -> JSONL;
                default -> throw DomainException.invalid("'format' must be json, csv or jsonl");
            };
        }
        for (MediaType accepted : session.getContext().getRequestHeaders().getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !accepted.isWildcardType()) {
                return MediaType.APPLICATION_JSON;
            }
            if (accepted.isCompatible(MediaType.valueOf(CSV)) && !accepted.isWildcardType()) {
                return CSV;
            }
            if (accepted.isCompatible(MediaType.valueOf(JSONL)) && !accepted.isWildcardType()) {
                return JSONL;
            }
        }
        return MediaType.APPLICATION_JSON;
    }

    private static byte[] jsonLines(List<Map<String, Object>> entries) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> entry : entries) {
            try {
                out.append(JSON.writeValueAsString(entry)).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] csv(List<Map<String, Object>> entries) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (Map<String, Object> entry : entries) {
            List<String> cells = new ArrayList<>();
            for (String column : CSV_COLUMNS) {
                Object value = entry.get(column);
                if (value instanceof JsonNode node) {
                    value = node.toString();
                }
                cells.add(cell(value == null ? "" : value.toString()));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * RFC 4180 quoting; a cell that a spreadsheet would take for a formula (a provider sent {@code =HYPERLINK(...)} as
     * a userName) gets a leading apostrophe, so that opening the export runs nothing.
     */
    static String cell(String value) {
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
