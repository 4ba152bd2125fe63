package io.preset.teams.scim.log;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every SCIM error in the provisioning log links a section of docs/troubleshooting.md that exists. */
class ErrorKindsTest {

    @Test
    void everyKindIsASectionOfTheTroubleshootingGuide() throws Exception {
        String guide = Files.readString(Path.of("..", ErrorKinds.DOCS));
        for (String kind : ErrorKinds.ALL) {
            assertTrue(guide.contains("<a id=\"" + kind + "\"></a>"), () -> kind + " has no section in " + ErrorKinds.DOCS);
        }
        int[] statuses = {400, 401, 403, 404, 405, 406, 409, 412, 413, 415, 422, 429, 500, 503};
        String[] types = {null, "invalidFilter", "invalidValue", "invalidSyntax", "invalidPath", "noTarget", "mutability",
                "tooMany", "uniqueness", "unknownType"};
        for (int status : statuses) {
            for (String type : types) {
                for (String detail : new String[] {null, "Too many concurrent requests for team 'x'"}) {
                    String kind = ErrorKinds.of(status, type, detail);
                    assertTrue(ErrorKinds.ALL.contains(kind), () -> status + " " + type + ": " + kind);
                }
            }
        }
    }

    @Test
    void kindsOfTheCommonErrors() {
        assertNull(ErrorKinds.of(201, null, null));
        assertEquals("uniqueness", ErrorKinds.of(409, "uniqueness", "userName 'a' is already a member of this team"));
        assertEquals("conflict", ErrorKinds.of(409, null, "A concurrent request changed the same resource; retry"));
        assertEquals("invalid-filter", ErrorKinds.of(400, "invalidFilter", "Invalid filter"));
        assertEquals("rate-limited", ErrorKinds.of(429, null, "Too many requests for team 'x': at most 5 per minute"));
        assertEquals("too-many-concurrent", ErrorKinds.of(429, null, "Too many concurrent requests for team 'x'"));
        assertEquals("unauthorized", ErrorKinds.of(401, null, "The SCIM token is not valid"));
        assertEquals("server-error", ErrorKinds.of(500, null, "Internal server error"));
        assertEquals("server-busy", ErrorKinds.of(503, null, "The query did not finish within its time limit"));
        assertEquals("docs/troubleshooting.md#uniqueness", ErrorKinds.help("uniqueness"));
    }
}
