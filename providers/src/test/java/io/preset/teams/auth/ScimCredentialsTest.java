package io.preset.teams.auth;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScimCredentialsTest {

    @Test
    void authorizationHeaderInBearerOrOktaHeaderMode() {
        assertEquals("abc", ScimAuthenticator.tokenOf("Bearer abc"));
        assertEquals("abc", ScimAuthenticator.tokenOf("bearer   abc "));
        assertEquals("pst_x", ScimAuthenticator.tokenOf("pst_x"));
        assertEquals("eyJ.a.b", ScimAuthenticator.tokenOf(" eyJ.a.b "));
        assertNull(ScimAuthenticator.tokenOf(null));
        assertNull(ScimAuthenticator.tokenOf("  "));
        assertNull(ScimAuthenticator.tokenOf("Bearer "));
        assertNull(ScimAuthenticator.tokenOf("Basic dXNlcjpwdw== x"));
    }

    @Test
    void secretsAreRandomWellFormedAndHashedToHex() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String secret = ScimTokenSecrets.generate();
            assertTrue(secret.matches("pst_[A-Za-z0-9_-]{43}"), secret);
            assertTrue(ScimTokenSecrets.wellFormed(secret), secret);
            assertTrue(ScimTokenSecrets.looksLike(secret));
            assertTrue(seen.add(secret));
            assertTrue(ScimTokenSecrets.hash(secret).matches("[0-9a-f]{64}"));
        }
        // RFC 6234 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ScimTokenSecrets.hash("abc"));
    }

    @Test
    void onlyTheExactShapeCanMatch() {
        assertFalse(ScimTokenSecrets.wellFormed("pst_short"));
        assertFalse(ScimTokenSecrets.wellFormed("pst_" + "A".repeat(42) + "="));
        assertFalse(ScimTokenSecrets.wellFormed("pst_" + "A".repeat(44)));
        assertFalse(ScimTokenSecrets.wellFormed("xyz_" + "A".repeat(43)));
        assertTrue(ScimTokenSecrets.wellFormed("pst_" + "A".repeat(43)));
        assertFalse(ScimTokenSecrets.looksLike("eyJhbGciOiJSUzI1NiJ9.e30.sig"));
    }
}
