package io.preset.teams.scim.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.function.Supplier;

/** Weak ETags from {@code meta.version} and the If-Match check (RFC 7644 section 3.14). */
public final class ScimVersions {

    private ScimVersions() {
    }

    /** Refuses a stale If-Match with 412; {@code current} is read only when the header is there. */
    public static void requireMatch(HttpHeaders headers, String what, Supplier<String> current) {
        String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        String version = current.get();
        for (String candidate : ifMatch.split(",")) {
            if (candidate.strip().equals(version)) {
                return;
            }
        }
        throw ScimException.preconditionFailed("The " + what + " was modified: current version is " + version);
    }

    public static EntityTag etagOf(ObjectNode resource) {
        String version = resource.path("meta").path("version").asText("");
        String value = version.startsWith("W/\"") ? version.substring(3, version.length() - 1) : version;
        return new EntityTag(value, true);
    }
}
