package io.preset.teams.scim.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.common.StrictText;

/** The extension's one JSON mapper for SCIM bodies, with limits that keep hostile input cheap. */
public final class ScimJson {

    public static final String SCIM_MEDIA_TYPE = "application/scim+json";
    public static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(1_000_000).maxNumberLength(100).build());
        MAPPER.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        // "{...}}" or "{...} {...}" is not one JSON object
        MAPPER.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private ScimJson() {
    }

    /**
     * Parses a request body that must be one JSON object; anything else is 400 invalidSyntax. A string with
     * a lone surrogate escape or U+0000 is 400 invalidValue.
     */
    public static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw ScimException.invalidSyntax("A JSON object body is required");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ScimException.invalidSyntax("Malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ScimException.invalidSyntax("The body must be a JSON object");
        }
        String problem = StrictText.problem(node);
        if (problem != null) {
            // well-formed JSON whose value is no Unicode text (or cannot be stored): refused, never altered
            throw ScimException.invalidValue("Invalid string: " + problem);
        }
        return (ObjectNode) node;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
