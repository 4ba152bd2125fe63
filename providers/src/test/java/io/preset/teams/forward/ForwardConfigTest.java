package io.preset.teams.forward;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ForwardConfigTest {

    @Test
    void workspaceIdsSurviveTheirStoredForm() {
        Map<String, String> ids = Map.of("analytics", "ws-1", "sales", "a\"b");
        assertEquals(ids, ForwardConfig.decodeIds(ForwardConfig.encodeIds(ids)));
        assertEquals(Map.of(), ForwardConfig.decodeIds(null));
    }
}
