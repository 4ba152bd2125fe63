package io.preset.teams.scim.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScimMediaTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/scim+json", "application/json", "APPLICATION/JSON; charset=utf-8",
            "application/scim+json;charset=\"UTF-8\""})
    void jsonContentIsAccepted(String header) {
        assertEquals("application", ScimMediaTypes.requireJsonContent(header).getType().toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "garbage", "application/json; charset", "*/*"})
    void otherContentIs415(String header) {
        assertEquals(415, assertThrows(ScimException.class, () -> ScimMediaTypes.requireJsonContent(header)).status());
    }

    @Test
    void noContentTypeIsLeftToTheBodyReader() {
        assertNull(ScimMediaTypes.requireJsonContent(null));
        assertNull(ScimMediaTypes.requireJsonContent(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/scim+json", "application/json", "*/*", "application/*", "text/html, */*;q=0.1",
            "text/html,application/json;q=0.9", "garbage, application/scim+json", "APPLICATION/SCIM+JSON"})
    void acceptWithJsonPasses(String header) {
        assertDoesNotThrow(() -> ScimMediaTypes.requireJsonAccepted(header), header);
    }

    @Test
    void noAcceptPasses() {
        assertDoesNotThrow(() -> ScimMediaTypes.requireJsonAccepted(null));
        assertDoesNotThrow(() -> ScimMediaTypes.requireJsonAccepted(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/html", "text/*", "application/json;q=0", "application/scim+json;q=0.0, text/plain",
            "*/*;q=0", "garbage", "application/json;q=abc"})
    void acceptWithoutJsonIs406(String header) {
        assertEquals(406, assertThrows(ScimException.class, () -> ScimMediaTypes.requireJsonAccepted(header), header).status());
    }
}
