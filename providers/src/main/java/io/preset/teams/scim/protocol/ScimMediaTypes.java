package io.preset.teams.scim.protocol;

import io.preset.teams.common.MediaTypeText;
import jakarta.ws.rs.core.MediaType;

/**
 * The media types of RFC 7644 section 3.8: requests in {@code application/scim+json} or
 * {@code application/json} (415 otherwise), answers in {@code application/scim+json} (406 when
 * {@code Accept} rules out both). Headers are parsed from their raw text ({@link MediaTypeText}).
 */
public final class ScimMediaTypes {

    private ScimMediaTypes() {
    }

    /** The Content-Type, or null when absent; 415 when it is malformed or not JSON. */
    public static MediaType requireJsonContent(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        MediaType type = MediaTypeText.parse(header);
        if (type == null) {
            throw unparseableContentType();
        }
        if (!isJson(type)) {
            throw new ScimException(415, null,
                    "Content-Type must be application/scim+json or application/json, not " + type.getType() + "/" + type.getSubtype());
        }
        return type;
    }

    public static ScimException unparseableContentType() {
        return new ScimException(415, null, "The Content-Type header cannot be parsed; send application/scim+json");
    }

    /** 406 unless {@code Accept} is absent or admits application/scim+json or application/json. */
    public static void requireJsonAccepted(String header) {
        if (header == null || header.isBlank()) {
            return;
        }
        for (String range : header.split(",")) {
            MediaType type = MediaTypeText.parse(range);
            if (type != null && admitsJson(type)) {
                return;
            }
        }
        throw new ScimException(406, null, "SCIM answers in application/scim+json; the Accept header rules it out");
    }

    public static boolean isJson(MediaType type) {
        return "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || "scim+json".equalsIgnoreCase(type.getSubtype()));
    }

    private static boolean admitsJson(MediaType range) {
        if (quality(range) <= 0) {
            return false;
        }
        if (range.isWildcardType()) {
            return true;
        }
        return "application".equalsIgnoreCase(range.getType())
                && (range.isWildcardSubtype() || isJson(range));
    }

    private static double quality(MediaType range) {
        String q = range.getParameters().get("q");
        if (q == null) {
            return 1;
        }
        try {
            return Double.parseDouble(q.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
