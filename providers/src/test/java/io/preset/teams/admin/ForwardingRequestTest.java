package io.preset.teams.admin;

import io.preset.teams.common.DomainException;
import io.preset.teams.forward.ForwardConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForwardingRequestTest {

    private static ForwardConfig put(String body, ForwardConfig existing) {
        return ForwardingRequest.read(body, "acme", existing);
    }

    private static void refused(String body, String messagePart) {
        DomainException e = assertThrows(DomainException.class, () -> put(body, null), body);
        assertEquals(DomainException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void defaultsAndNormalisation() {
        ForwardConfig config = put("{\"baseUrl\":\"https://manage.example.com/api//\"}", null);
        assertTrue(config.enabled());
        assertEquals("https://manage.example.com/api", config.baseUrl());
        assertEquals("acme", config.remoteTeam());
        assertEquals("email", config.userKey());
        assertEquals(Map.of(), config.workspaceIds());
        assertFalse(config.hasToken());
    }

    @Test
    void everyFieldAsSpecified() {
        ForwardConfig config = put("{\"enabled\":false,\"baseUrl\":\"http://127.0.0.1:4567\",\"remoteTeam\":\"Acme Ltd\","
                + "\"userKey\":\"attribute:presetId\",\"workspaceIds\":{\"analytics\":\"ws-1\"},\"token\":\"s3cr3t\"}", null);
        assertFalse(config.enabled());
        assertEquals("http://127.0.0.1:4567", config.baseUrl());
        assertEquals("Acme Ltd", config.remoteTeam());
        assertEquals("attribute:presetId", config.userKey());
        assertEquals(Map.of("analytics", "ws-1"), config.workspaceIds());
        assertEquals("s3cr3t", config.token());
        for (String key : new String[]{"email", "username", "id"}) {
            assertEquals(key, put("{\"baseUrl\":\"http://h\",\"userKey\":\"" + key + "\"}", null).userKey());
        }
    }

    @Test
    void anAbsentTokenKeepsTheStoredOneAndAnEmptyOneRemovesIt() {
        ForwardConfig stored = put("{\"baseUrl\":\"http://h\",\"token\":\"old\"}", null);
        assertEquals("old", put("{\"baseUrl\":\"http://h\"}", stored).token());
        assertEquals("new", put("{\"baseUrl\":\"http://h\",\"token\":\"new\"}", stored).token());
        assertNull(put("{\"baseUrl\":\"http://h\",\"token\":\"\"}", stored).token());
        // enabled, when absent, keeps the stored value
        ForwardConfig disabled = put("{\"baseUrl\":\"http://h\",\"enabled\":false}", null);
        assertFalse(put("{\"baseUrl\":\"http://h\"}", disabled).enabled());
    }

    @Test
    void badInputIsRefused() {
        refused("", "JSON object");
        refused("[]", "JSON object");
        refused("{", "Malformed JSON");
        refused("{\"baseUrl\":\"http://h\"} {}", "Malformed JSON");
        refused("{\"baseUrl\":\"http://h\",\"colour\":\"red\"}", "Unknown field 'colour'");
        refused("{}", "'baseUrl' is required");
        refused("{\"baseUrl\":\"/relative\"}", "absolute http or https");
        refused("{\"baseUrl\":\"ftp://h/x\"}", "absolute http or https");
        refused("{\"baseUrl\":\"http://h/x?a=1\"}", "no query");
        refused("{\"baseUrl\":\"http://h/x#f\"}", "no fragment");
        refused("{\"baseUrl\":\"http://u:p@h/x\"}", "credentials");
        refused("{\"baseUrl\":\"http://h\",\"enabled\":\"yes\"}", "'enabled'");
        refused("{\"baseUrl\":\"http://h\",\"userKey\":\"phone\"}", "'userKey'");
        refused("{\"baseUrl\":\"http://h\",\"userKey\":\"attribute:\"}", "'userKey'");
        refused("{\"baseUrl\":\"http://h\",\"remoteTeam\":\" \"}", "'remoteTeam'");
        refused("{\"baseUrl\":\"http://h\",\"remoteTeam\":5}", "'remoteTeam' must be a string");
        refused("{\"baseUrl\":\"http://h\",\"workspaceIds\":[\"a\"]}", "'workspaceIds'");
        refused("{\"baseUrl\":\"http://h\",\"workspaceIds\":{\"analytics\":1}}", "workspaceIds.analytics");
        refused("{\"baseUrl\":\"http://h\",\"workspaceIds\":{\"Bad Name\":\"x\"}}", "not a workspace name");
        refused("{\"baseUrl\":\"http://h\",\"workspaceIds\":{\"analytics\":\"\"}}", "workspaceIds.analytics");
        refused("{\"baseUrl\":\"http://h\",\"token\":7}", "'token' must be a string");
    }
}
