package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a SCIM PatchOp request (RFC 7644 section 3.5.2).
 *
 * @param op    the kind of operation
 * @param path  the attribute path as the client sent it, or null when absent (or blank)
 * @param value the value, or null when absent; an explicit JSON {@code null} is kept as a {@code NullNode}
 */
public record PatchOp(Kind op, String path, JsonNode value) {

    public enum Kind { ADD, REPLACE, REMOVE }
}
