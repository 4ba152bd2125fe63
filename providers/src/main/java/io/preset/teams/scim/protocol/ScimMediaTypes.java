package io.preset.teams.scim.protocol;

import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The media types of RFC 7644 section 3.8: requests in {@code application/scim+json} or
 * {@code application/json} (415 otherwise), answers in {@code application/scim+json} (406 when
 * {@code Accept} rules out both). Headers are parsed here from their raw text, because JAX-RS throws on a
 * malformed one deep inside the framework.
 */
public final class ScimMediaTypes {

    private ScimMediaTypes() {
    }

    /** The Content-Type, or null when absent; 415 when it is malformed or not JSON. */
    public static MediaType requireJsonContent(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        MediaType type = parse(header);
        if (type == null) {
            throw new ScimException(415, null, "The Content-Type header cannot be parsed; send application/scim+json");
        }
        if (!isJson(type)) {
            throw new ScimException(415, null,
                    "Content-Type must be application/scim+json or application/json, not " + type.getType() + "/" + type.getSubtype());
        }
        return type;
    }

    /** 406 unless {@code Accept} is absent or admits application/scim+json or application/json. */
    public static void requireJsonAccepted(String header) {
        if (header == null || header.isBlank()) {
            return;
        }
        for (String range : header.split(",")) {
            MediaType type = parse(range);
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

    /**
     * {@code type/subtype *( ";" name=value )} (RFC 9110 section 8.3.1), or null when the text is not one.
     * Our own parser: the framework's throws on bad input, and needs a running JAX-RS runtime.
     */
    public static MediaType parse(String text) {
        String[] parts = text.split(";", -1);
        String[] typeAndSubtype = parts[0].strip().split("/", -1);
        if (typeAndSubtype.length != 2 || !isToken(typeAndSubtype[0]) || !isToken(typeAndSubtype[1])) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int eq = parameter.indexOf('=');
            if (eq <= 0 || !isToken(parameter.substring(0, eq).strip())) {
                return null;
            }
            String value = parameter.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            } else if (!isToken(value)) {
                return null;
            }
            parameters.put(parameter.substring(0, eq).strip().toLowerCase(Locale.ROOT), value);
        }
        return new MediaType(typeAndSubtype[0], typeAndSubtype[1], parameters);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
