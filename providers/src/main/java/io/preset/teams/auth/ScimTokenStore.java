package io.preset.teams.auth;

import io.preset.teams.common.DomainException;
import io.preset.teams.team.TeamEntity;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;
import java.util.Optional;

/** Per-team SCIM tokens of one realm. */
public class ScimTokenStore {

    /** The last-used time is written at most this often per token, so that a burst of calls costs no writes. */
    static final long LAST_USED_RESOLUTION_MS = 60_000;
    static final int MAX_NAME_LENGTH = 100;

    private static final Logger LOG = Logger.getLogger(ScimTokenStore.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public ScimTokenStore(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** A token just minted, with the secret that is never available again. */
    public record Minted(ScimTokenEntity token, String secret) {
    }

    public List<ScimTokenEntity> list(TeamEntity team) {
        return em.createNamedQuery("presetScimToken.ofTeam", ScimTokenEntity.class)
                .setParameter("team", team).getResultList();
    }

    public Optional<ScimTokenEntity> find(TeamEntity team, String id) {
        if (id == null || id.isBlank() || id.length() > 36) {
            return Optional.empty();
        }
        ScimTokenEntity token = em.find(ScimTokenEntity.class, id);
        return token != null && token.getTeam().getId().equals(team.getId()) ? Optional.of(token) : Optional.empty();
    }

    public Minted mint(TeamEntity team, String name, Long expiresAt, String createdById, String createdBy) {
        String clean = name == null ? null : name.strip();
        if (clean == null || clean.isEmpty()) {
            throw DomainException.invalid("'name' is required: a label such as \"Okta production\"");
        }
        if (clean.length() > MAX_NAME_LENGTH) {
            throw DomainException.invalid("'name' is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (clean.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("'name' must not contain control characters");
        }
        String secret = ScimTokenSecrets.generate();
        ScimTokenEntity token = new ScimTokenEntity();
        token.setId(KeycloakModelUtils.generateId());
        token.setTeam(team);
        token.setRealmId(realm.getId());
        token.setName(clean);
        token.setSecretHash(ScimTokenSecrets.hash(secret));
        token.setCreatedAt(System.currentTimeMillis());
        token.setCreatedById(createdById);
        token.setCreatedBy(createdBy);
        token.setExpiresAt(expiresAt);
        em.persist(token);
        return new Minted(token, secret);
    }

    /**
     * A token declared in a realm file by the SHA-256 of its secret (the secret itself never appears there); the
     * same hash anywhere (any realm: hashes are unique in the database) is a conflict, since a secret finds its token
     * by its hash.
     */
    public ScimTokenEntity importHash(TeamEntity team, String name, String sha256, Long expiresAt, String createdBy) {
        requireHashFree(em, sha256);
        ScimTokenEntity token = new ScimTokenEntity();
        token.setId(KeycloakModelUtils.generateId());
        token.setTeam(team);
        token.setRealmId(realm.getId());
        token.setName(name);
        token.setSecretHash(sha256);
        token.setCreatedAt(System.currentTimeMillis());
        token.setCreatedBy(createdBy);
        token.setExpiresAt(expiresAt);
        em.persist(token);
        return token;
    }

    /** Refuses a declared hash that a token of any realm holds (hashes are unique in the database). */
    public static void requireHashFree(KeycloakSession session, String sha256) {
        requireHashFree(session.getProvider(JpaConnectionProvider.class).getEntityManager(), sha256);
    }

    private static void requireHashFree(EntityManager em, String sha256) {
        if (em.createNamedQuery("presetScimToken.hashTaken", Long.class).setParameter("hash", sha256).getSingleResult() > 0) {
            throw DomainException.conflict("a SCIM token with this hash exists already, in this or another realm"
                    + " (a token's secret must be unique: mint a new one for each environment)");
        }
    }

    /** Revokes the token; revoking a revoked token changes nothing. Returns whether it changed. */
    public boolean revoke(ScimTokenEntity token, String revokedBy) {
        if (token.isRevoked()) {
            return false;
        }
        token.setRevokedAt(System.currentTimeMillis());
        token.setRevokedBy(revokedBy);
        return true;
    }

    /** The token of this realm with this secret, revoked and expired ones included. */
    public Optional<ScimTokenEntity> findBySecret(String secret) {
        if (!ScimTokenSecrets.wellFormed(secret)) {
            return Optional.empty();
        }
        return em.createNamedQuery("presetScimToken.byHash", ScimTokenEntity.class)
                .setParameter("hash", ScimTokenSecrets.hash(secret)).setParameter("realmId", realm.getId())
                .getResultStream().findFirst();
    }

    /**
     * Records that the token was used, at most once per {@link #LAST_USED_RESOLUTION_MS}, in a
     * transaction of its own: a conditional update that neither holds a lock for the length of the
     * SCIM request nor is undone when the request fails.
     */
    public void recordUse(ScimTokenEntity token, long now) {
        Long last = token.getLastUsedAt();
        if (last != null && last >= now - LAST_USED_RESOLUTION_MS) {
            return;
        }
        String id = token.getId();
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s ->
                    s.getProvider(JpaConnectionProvider.class).getEntityManager()
                            .createNamedQuery("presetScimToken.touch")
                            .setParameter("now", now).setParameter("id", id)
                            .setParameter("before", now - LAST_USED_RESOLUTION_MS)
                            .executeUpdate());
        } catch (RuntimeException e) {
            // bookkeeping only: never fail a SCIM call because of it
            LOG.debugf(e, "Could not record the use of SCIM token %s", id);
        }
    }

    public void deleteAllOfTeam(TeamEntity team) {
        em.createNamedQuery("presetScimToken.deleteOfTeam").setParameter("team", team).executeUpdate();
    }
}
