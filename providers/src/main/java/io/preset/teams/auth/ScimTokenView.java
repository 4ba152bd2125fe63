package io.preset.teams.auth;

/**
 * A SCIM token as listed to people: never its secret or hash. Times are epoch milliseconds; {@code status} is
 * {@code active}, {@code expired} or {@code revoked}.
 */
public record ScimTokenView(String id, String name, String status, long createdAt, String createdBy,
                            Long expiresAt, Long lastUsedAt, Long revokedAt, String revokedBy) {

    public static ScimTokenView of(ScimTokenEntity token) {
        long now = System.currentTimeMillis();
        String status = token.isRevoked() ? "revoked" : token.isExpired(now) ? "expired" : "active";
        return new ScimTokenView(token.getId(), token.getName(), status, token.getCreatedAt(), token.getCreatedBy(),
                token.getExpiresAt(), token.getLastUsedAt(), token.getRevokedAt(), token.getRevokedBy());
    }

    /** The answer to minting: the listing fields plus the secret, shown this once. */
    public record Minted(String id, String name, String status, long createdAt, String createdBy,
                         Long expiresAt, Long lastUsedAt, String token) {

        public static Minted of(ScimTokenView view, String secret) {
            return new Minted(view.id(), view.name(), view.status(), view.createdAt(), view.createdBy(),
                    view.expiresAt(), view.lastUsedAt(), secret);
        }
    }
}
