package io.preset.teams.common;

import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a media type header from its raw text. Ours, because the framework's parser throws on bad input
 * (and Keycloak's security-headers response filter lets that become a bare 500), and needs a running
 * JAX-RS runtime, which unit tests do not have.
 */
public final class MediaTypeText {

    private MediaTypeText() {
    }

    /**
     * {@code type/subtype *( ";" name=value )} (RFC 9110 section 8.3.1), or null when the text is not one.
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
            if (parameter.isEmpty()) {
                continue; // "application/json;" is common and harmless
            }
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

    /**
     * Whether the framework's own parser (which Keycloak's filters call) takes the header. It throws on what
     * it cannot parse, and Keycloak's security-headers response filter lets that become a bare 500; our
     * request guards drop such a header. Needs the JAX-RS runtime.
     */
    public static boolean frameworkParses(String header) {
        try {
            MediaType.valueOf(header);
            return true;
        } catch (RuntimeException e) { // IllegalArgumentException in RESTEasy; any failure counts
            return false;
        }
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
