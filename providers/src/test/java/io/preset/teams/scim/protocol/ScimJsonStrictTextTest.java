package io.preset.teams.scim.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SCIM bodies: invalid UTF-8 is invalidSyntax (no JSON text); well-formed JSON without Unicode text is invalidValue. */
class ScimJsonStrictTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800x@x.test", "x\\udc00@x.test", "\\udc00\\ud800@x.test", "nul\\u0000@x.test"})
    void stringsThatAreNoTextAreInvalidValue(String escaped) {
        ScimException e = assertThrows(ScimException.class,
                () -> ScimJson.parseObject("{\"schemas\":[],\"userName\":\"" + escaped + "\"}"));
        assertEquals(400, e.status());
        assertEquals("invalidValue", e.scimType());
        assertTrue(e.getMessage().contains("'/userName'"), e.getMessage());
    }

    @Test
    void astralCharactersAreKeptExactly() {
        assertEquals("\ud83d\ude00@x.test", ScimJson.parseObject("{\"userName\":\"\\ud83d\\ude00@x.test\"}").get("userName").textValue());
        assertEquals("\ud83d\ude00@x.test", ScimJson.parseObject("{\"userName\":\"\ud83d\ude00@x.test\"}").get("userName").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0af", "eda080", "ff"})
    void invalidUtf8IsInvalidSyntax(String hex) {
        byte[] body = HexFormat.of().parseHex("7b2261223a22" + hex + "227d"); // {"a":"<bytes>"}
        ScimException e = assertThrows(ScimException.class,
                () -> ScimBodies.decode(ScimMediaTypes.requireJsonContent("application/scim+json"), body));
        assertEquals("invalidSyntax", e.scimType());
    }
}
