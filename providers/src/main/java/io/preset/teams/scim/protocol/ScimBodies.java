package io.preset.teams.scim.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;

/** Reads a SCIM request body: media type, size limit, then strict JSON. */
public final class ScimBodies {

    /** Larger bodies are refused with 413 before they are parsed. */
    public static final int MAX_BYTES = 1_048_576;

    private ScimBodies() {
    }

    public static ObjectNode read(HttpHeaders headers, String body) {
        MediaType type = headers.getMediaType();
        if (type != null && !isJson(type)) {
            throw new ScimException(415, null,
                    "Content-Type must be application/scim+json or application/json, not " + type.getType() + "/" + type.getSubtype());
        }
        if (body != null && body.length() > MAX_BYTES / 4 && body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ScimException(413, null, "The body is larger than " + MAX_BYTES + " bytes");
        }
        return ScimJson.parseObject(body);
    }

    private static boolean isJson(MediaType type) {
        return "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || "scim+json".equalsIgnoreCase(type.getSubtype()));
    }
}
