package io.preset.teams.common;

import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MediaTypeTextTest {

    @Test
    void typeSubtypeAndParameters() {
        MediaType type = MediaTypeText.parse(" application/scim+json ; Charset=\"UTF-8\"; q=0.5 ;");
        assertEquals("application", type.getType());
        assertEquals("scim+json", type.getSubtype());
        assertEquals("UTF-8", type.getParameters().get("charset"));
        assertEquals("0.5", type.getParameters().get("q"));
        assertEquals("*", MediaTypeText.parse("*/*").getType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "", "application/", "/json", "application/json/x", "application/json; charset",
            "application/json; =x", "application/js on", "app(lication/json", "application/json; a=b c"})
    void notAMediaType(String text) {
        assertNull(MediaTypeText.parse(text), text);
    }
}
