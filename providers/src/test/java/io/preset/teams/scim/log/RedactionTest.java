package io.preset.teams.scim.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the provisioning log keeps of a request: names and shortened values, never a secret, always insertable text. */
class RedactionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void secretsAreRedactedAtAnyDepthAndInPatchOperations() throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree("""
                {"schemas":["urn:x"],"userName":"ada@acme.com","password":"Hunter2!",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"apiToken":"t0k3n","department":"R&D"},
                 "x509Certificates":[{"value":"MIIB"}],"clientSecret":"s3cr3t"}""");
        String sent = Redaction.sent(body).toString();
        assertTrue(sent.contains("\"userName\":\"ada@acme.com\""), sent);
        assertTrue(sent.contains("\"department\":\"R&D\""), sent);
        assertFalse(sent.contains("\"schemas\""), sent);
        for (String secret : new String[] {"Hunter2!", "t0k3n", "s3cr3t"}) {
            assertFalse(sent.contains(secret), sent);
        }
        ObjectNode patch = (ObjectNode) JSON.readTree("""
                {"Operations":[{"op":"replace","path":"password","value":"Hunter2!"},
                               {"op":"replace","value":{"password":"Hunter3!","active":false}}]}""");
        String ops = Redaction.operations(patch).toString();
        assertFalse(ops.contains("Hunter"), ops);
        assertTrue(ops.contains("\"active\":false"), ops);
    }

    @Test
    void credentialsInFreeTextAreRedacted() {
        String token = "pst_" + "A".repeat(43);
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
        String text = Redaction.text("userName eq \"" + token + "\" or x eq \"" + jwt + "\" Bearer abc.def", 512);
        assertFalse(text.contains(token) || text.contains(jwt) || text.contains("abc.def"), text);
        assertTrue(text.startsWith("userName eq \"[redacted]\""), text);
    }

    @Test
    void textIsBoundedAndInsertable() {
        assertEquals("a?b?c", Redaction.text("a\u0000b\nc", 100));
        assertEquals("?x", Redaction.text("\ud800x", 100));
        assertEquals("\ud83d\ude00", Redaction.text("\ud83d\ude00", 2));
        assertEquals("", Redaction.text("\ud83d\ude00", 1));
        String cut = Redaction.text("x".repeat(600), 512);
        assertEquals(512, cut.length());
        assertTrue(cut.endsWith("\u2026"));
    }

    @Test
    void aDiffNamesTheChangedAttributesOnly() throws Exception {
        ObjectNode before = (ObjectNode) JSON.readTree("{\"active\":true,\"name\":{\"givenName\":\"Ada\"},\"meta\":{\"version\":\"1\"}}");
        ObjectNode after = (ObjectNode) JSON.readTree("{\"active\":false,\"name\":{\"givenName\":\"Ada\"},\"meta\":{\"version\":\"2\"}}");
        assertEquals("{\"active\":{\"from\":true,\"to\":false}}", Redaction.diff(before, after).toString());
    }
}
