package io.preset.teams.common;

import io.preset.teams.common.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admin API bodies: read as bytes and decoded strictly, so nothing is stored altered. */
class JsonBodyTest {

    private static final Set<String> FIELDS = Set.of("title");

    @ParameterizedTest
    @ValueSource(strings = {"c328", "c0af", "eda080", "fffe"})
    void invalidUtf8Is400(String hex) {
        byte[] body = HexFormat.of().parseHex("7b227469746c65223a22" + hex + "227d"); // {"title":"<bytes>"}
        DomainException e = assertThrows(DomainException.class, () -> JsonBody.parse(body, FIELDS));
        assertEquals(DomainException.Kind.INVALID, e.kind());
        assertEquals("The body is not valid UTF-8", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800Acme", "Acme\\udfff", "\\udc00\\ud800", "A\\u0000"})
    void stringsThatAreNoTextAre400(String escaped) {
        byte[] body = ("{\"title\":\"" + escaped + "\"}").getBytes(StandardCharsets.UTF_8);
        DomainException e = assertThrows(DomainException.class, () -> JsonBody.parse(body, FIELDS));
        assertTrue(e.getMessage().startsWith("Invalid string: the string at '/title' contains"), e.getMessage());
    }

    @Test
    void astralCharactersAreKept() {
        byte[] escaped = "{\"title\":\"Acme \\ud83d\\ude00\"}".getBytes(StandardCharsets.UTF_8);
        byte[] raw = "{\"title\":\"Acme \ud83d\ude00\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals("Acme \ud83d\ude00", JsonBody.parse(escaped, FIELDS).string("title"));
        assertEquals("Acme \ud83d\ude00", JsonBody.parse(raw, FIELDS).string("title"));
    }

    @Test
    void anEmptyBodyIsNoText() {
        assertEquals(null, JsonBody.text(new byte[0]));
        assertThrows(DomainException.class, () -> JsonBody.parse(new byte[0], FIELDS));
    }
}
