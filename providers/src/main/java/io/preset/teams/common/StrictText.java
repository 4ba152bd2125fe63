package io.preset.teams.common;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Text that is stored exactly as sent or not at all. Bytes are decoded with malformed input refused (never
 * replaced by U+FFFD); the JSON parser accepts {@code \ud800} escapes that make no character, so every
 * string and field name of a parsed tree is checked for lone surrogates and for U+0000, which PostgreSQL
 * text cannot hold (JDBC would store {@code ?} for the one, the database refuse the other).
 */
public final class StrictText {

    /** Longer JSON pointers are cut in messages: they are built from the client's field names. */
    private static final int MAX_POINTER = 200;

    private StrictText() {
    }

    /** The bytes in {@code charset}; malformed or unmappable input (overlong UTF-8, encoded surrogates) throws. */
    public static String decode(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /**
     * What is wrong with the strings of a JSON tree, naming where (a JSON pointer) but never the value, or
     * null when every field name and string is well-formed Unicode without U+0000.
     */
    public static String problem(JsonNode node) {
        return problem(node, new ArrayDeque<>());
    }

    /** What is wrong with one string (a lone surrogate or U+0000, with its index), or null. */
    public static String problem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "U+0000 at index " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("a lone surrogate U+%04X at index %d", (int) c, i);
            }
        }
        return null;
    }

    /** {@code path} holds the field names and indexes down to {@code node}; the pointer is built only on failure. */
    private static String problem(JsonNode node, Deque<Object> path) {
        if (node.isTextual()) {
            return located("the string at", problem(node.textValue()), path);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.addLast(i);
                String p = problem(node.get(i), path);
                path.removeLast();
                if (p != null) {
                    return p;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = problem(field.getKey());
                if (name != null) {
                    return located("a field name under", name, path);
                }
                path.addLast(field.getKey());
                String p = problem(field.getValue(), path);
                path.removeLast();
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String located(String what, String problem, Deque<Object> path) {
        if (problem == null) {
            return null;
        }
        StringBuilder pointer = new StringBuilder();
        for (Object step : path) {
            pointer.append('/').append(step instanceof String name ? escape(name) : step);
            if (pointer.length() > MAX_POINTER) {
                pointer.setLength(MAX_POINTER);
                pointer.append('…');
                break;
            }
        }
        return what + " '" + (pointer.isEmpty() ? "/" : pointer) + "' contains " + problem;
    }

    /** RFC 6901 escaping of a field name in a JSON pointer. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
