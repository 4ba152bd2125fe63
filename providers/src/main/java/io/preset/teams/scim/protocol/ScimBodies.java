package io.preset.teams.scim.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.common.StrictText;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Reads a SCIM request body: media type (415, also when a body comes without one), size limit (413),
 * strict character decoding and strict JSON (400 invalidSyntax). The body arrives as bytes so that
 * invalid UTF-8 is refused instead of being silently replaced by U+FFFD and stored.
 */
public final class ScimBodies {

    /** Larger bodies are refused with 413 before they are decoded or parsed. */
    public static final int MAX_BYTES = 1_048_576;

    private ScimBodies() {
    }

    public static ObjectNode read(HttpHeaders headers, byte[] body) {
        MediaType type = ScimMediaTypes.requireJsonContent(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        boolean empty = body == null || body.length == 0;
        if (type == null && !empty) {
            throw new ScimException(415, null, "A body needs a Content-Type: application/scim+json or application/json");
        }
        if (body != null && body.length > MAX_BYTES) {
            throw new ScimException(413, null, "The body is larger than " + MAX_BYTES + " bytes");
        }
        return ScimJson.parseObject(decode(type, body));
    }

    /** The body in the declared charset (UTF-8 when none), refusing malformed or unmappable bytes. */
    static String decode(MediaType type, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        Charset charset = charset(type);
        try {
            return StrictText.decode(body, charset);
        } catch (CharacterCodingException e) {
            throw ScimException.invalidSyntax("The body is not valid " + charset.name());
        }
    }

    private static Charset charset(MediaType type) {
        String name = type == null ? null : type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip().replace("\"", ""));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ScimException(415, null, "Unsupported charset '" + name + "'; send UTF-8");
        }
    }
}
