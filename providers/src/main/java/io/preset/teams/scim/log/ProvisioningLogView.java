package io.preset.teams.scim.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preset.teams.common.DomainException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The provisioning log as the admin API and the team portal show it: their query parameters and one entry. */
public final class ProvisioningLogView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProvisioningLogView() {
    }

    /** {@code status} (409, 4xx, error, ok), {@code user} (a userName or resource id), {@code since} (ISO or ms). */
    public static ProvisioningLogStore.Filter filter(String status, String user, String since) {
        int from = 0;
        int to = 999;
        if (status != null && !status.isBlank()) {
            String s = status.strip().toLowerCase(Locale.ROOT);
            if (s.equals("error")) {
                from = 400;
            } else if (s.equals("ok")) {
                to = 399;
            } else if (s.matches("[1-5]xx")) {
                from = (s.charAt(0) - '0') * 100;
                to = from + 99;
            } else if (s.matches("[1-5][0-9][0-9]")) {
                from = to = Integer.parseInt(s);
            } else {
                throw DomainException.invalid("'status' must be a status code such as 409, a class such as 4xx, 'error' or 'ok'");
            }
        }
        String u = user == null || user.isBlank() ? null : user.strip();
        if (u != null && u.length() > 255) {
            throw DomainException.invalid("'user' is longer than 255 characters");
        }
        return new ProvisioningLogStore.Filter(from, to, u, since(since));
    }

    private static Long since(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        String s = since.strip();
        try {
            return s.matches("-?\\d+") ? Long.parseLong(s) : Instant.parse(s).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException e) {
            throw DomainException.invalid("'since' must be an ISO-8601 instant such as 2030-01-31T00:00:00Z or epoch milliseconds");
        }
    }

    /** One entry; {@code help} links the troubleshooting section of an error. */
    public static Map<String, Object> entry(ProvisioningLogEntity row) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", row.getId());
        e.put("time", Instant.ofEpochMilli(row.getLoggedAt()).toString());
        e.put("timeMs", row.getLoggedAt());
        e.put("durationMs", row.getDurationMs());
        e.put("clientKind", row.getClientKind());
        e.put("clientId", row.getClientId());
        e.put("clientName", row.getClientName());
        e.put("userAgent", row.getUserAgent());
        e.put("method", row.getMethod());
        e.put("path", row.getPath());
        e.put("filter", row.getFilter());
        e.put("status", row.getStatus());
        e.put("scimType", row.getScimType());
        e.put("detail", row.getDetail());
        e.put("errorKind", row.getErrorKind());
        e.put("help", ErrorKinds.help(row.getErrorKind()));
        e.put("resourceType", row.getResourceType());
        e.put("resourceId", row.getResourceId());
        e.put("resourceName", row.getResourceName());
        e.put("changes", changes(row.getChanges()));
        return e;
    }

    /** The stored summary as JSON; a summary cut at its length limit is no JSON any more and stays text. */
    private static Object changes(String changes) {
        if (changes == null) {
            return null;
        }
        try {
            return JSON.readTree(changes);
        } catch (JsonProcessingException e) {
            return changes;
        }
    }

}
