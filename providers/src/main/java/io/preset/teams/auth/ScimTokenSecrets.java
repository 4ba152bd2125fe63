package io.preset.teams.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The format of per-team SCIM tokens: {@code pst_} followed by 32 random bytes in unpadded base64url
 * (47 characters in all). The prefix tells them apart from Keycloak access tokens (JWTs) and makes
 * leaked tokens easy to find with secret scanners. 256 random bits need no salt or slow hash: the
 * SHA-256 of the token is stored and looked up directly.
 */
public final class ScimTokenSecrets {

    public static final String PREFIX = "pst_";
    static final int RANDOM_BYTES = 32;
    static final int LENGTH = PREFIX.length() + 43;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ScimTokenSecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a credential is meant as a SCIM token (rather than an access token). */
    public static boolean looksLike(String credential) {
        return credential != null && credential.startsWith(PREFIX);
    }

    /** Whether a credential has the exact shape of a SCIM token; others cannot match any hash. */
    static boolean wellFormed(String credential) {
        if (!looksLike(credential) || credential.length() != LENGTH) {
            return false;
        }
        for (int i = PREFIX.length(); i < credential.length(); i++) {
            char c = credential.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
