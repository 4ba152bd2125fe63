package io.preset.teams.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrictTextTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The JSON parser turns these escapes into Java strings; each is no Unicode text. */
    @ParameterizedTest
    @ValueSource(strings = {
            "\\ud800x@x.test",       // lone high surrogate
            "x@x.test\\udfff",       // lone low surrogate
            "\\udc00\\ud800",        // a pair in the wrong order
            "\\ud83d",               // a high surrogate at the end
            "\\ud83d\\ud83d\\ude00", // two highs, then one low: the first is lone
            "a\\u0000b"})            // U+0000: PostgreSQL text cannot hold it
    void escapesThatMakeNoTextAreFound(String escaped) throws Exception {
        String parsed = MAPPER.readTree("\"" + escaped + "\"").textValue();
        assertTrue(StrictText.problem(parsed) != null, escaped);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "", "\\ud83d\\ude00 emoji", "\\uD834\\uDD1E clef", "中文 é", "\\u0001 tab\\t"})
    void wellFormedTextPasses(String escaped) throws Exception {
        String parsed = MAPPER.readTree("\"" + escaped + "\"").textValue();
        assertNull(StrictText.problem(parsed), escaped);
    }

    @Test
    void theMessageNamesTheCharacterAndWhereButNotTheValue() throws Exception {
        ObjectNode body = (ObjectNode) MAPPER.readTree(
                "{\"userName\":\"ok\",\"emails\":[{\"value\":\"fine\"},{\"value\":\"secret\\ud800\"}]}");
        String problem = StrictText.problem(body);
        assertEquals("the string at '/emails/1/value' contains a lone surrogate U+D800 at index 6", problem);
        assertTrue(!problem.contains("secret"));
    }

    @Test
    void fieldNamesAreCheckedToo() throws Exception {
        assertEquals("a field name under '/name' contains a lone surrogate U+DC00 at index 1",
                StrictText.problem(MAPPER.readTree("{\"name\":{\"x\\udc00\":\"v\"}}")));
        assertEquals("the string at '/a~1b~0c' contains U+0000 at index 0",
                StrictText.problem(MAPPER.readTree("{\"a/b~c\":\"\\u0000\"}")));
    }

    @Test
    void longPointersAreCut() throws Exception {
        String name = "n".repeat(5000);
        String problem = StrictText.problem(MAPPER.readTree("{\"" + name + "\":[\"\\ud800\"]}"));
        assertTrue(problem.length() < 300, problem);
        assertTrue(problem.contains("…"), problem);
    }

    @Test
    void wellFormedTreesPass() throws Exception {
        assertNull(StrictText.problem(MAPPER.readTree(
                "{\"a\":[1,true,null,{\"b\":\"\\ud83d\\ude00\"}],\"c\":{\"\\ud834\\udd1e\":\"x\"}}")));
    }

    /** Bytes that are no UTF-8 are refused, never replaced by U+FFFD. */
    @ParameterizedTest
    @ValueSource(strings = {
            "c0af",         // overlong "/"
            "e080af",       // overlong "/" in three bytes
            "f08282ac",     // overlong euro sign in four bytes
            "eda080",       // U+D800 encoded (CESU-8)
            "edb080",       // U+DC00 encoded
            "eda0bdedb880", // a surrogate pair encoded as two three-byte sequences
            "fffe",         // bytes that never occur in UTF-8
            "c328",         // a lead byte followed by ASCII
            "e282",         // truncated sequence
            "f4908080"})    // beyond U+10FFFF
    void invalidUtf8IsRefused(String hex) {
        byte[] bytes = HexFormat.of().parseHex("22" + hex + "22");
        assertThrows(CharacterCodingException.class, () -> StrictText.decode(bytes, StandardCharsets.UTF_8), hex);
    }

    @Test
    void validUtf8IncludingAstralCharactersIsDecoded() throws Exception {
        byte[] bytes = HexFormat.of().parseHex("41c3a9e4b8adf09f9880f48fbfbf");
        assertEquals("Aé中\ud83d\ude00\udbff\udfff", StrictText.decode(bytes, StandardCharsets.UTF_8));
        assertNull(StrictText.problem(StrictText.decode(bytes, StandardCharsets.UTF_8)));
    }
}
