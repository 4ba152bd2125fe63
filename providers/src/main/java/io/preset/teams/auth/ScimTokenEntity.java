package io.preset.teams.auth;

import io.preset.teams.team.TeamEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A per-team SCIM token minted by an operator (Okta's Header mode, Entra). Only the SHA-256 of the
 * secret is stored; the secret itself is shown once, in the response that creates it. A revoked token
 * keeps its row (and hash) so that the operator sees when it was revoked and a caller still using it
 * is told so.
 */
@Entity
@Table(name = "PRESET_SCIM_TOKEN")
@NamedQueries({
        @NamedQuery(name = "presetScimToken.byHash",
                query = "select t from ScimTokenEntity t join fetch t.team where t.secretHash = :hash and t.realmId = :realmId"),
        @NamedQuery(name = "presetScimToken.hashTaken",
                query = "select count(t) from ScimTokenEntity t where t.secretHash = :hash"),
        @NamedQuery(name = "presetScimToken.ofTeam",
                query = "select t from ScimTokenEntity t where t.team = :team order by t.createdAt, t.id"),
        @NamedQuery(name = "presetScimToken.deleteOfTeam",
                query = "delete from ScimTokenEntity t where t.team = :team"),
        @NamedQuery(name = "presetScimToken.touch",
                query = "update ScimTokenEntity t set t.lastUsedAt = :now"
                        + " where t.id = :id and (t.lastUsedAt is null or t.lastUsedAt < :before)")
})
public class ScimTokenEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "TEAM_ID", nullable = false)
    private TeamEntity team;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "NAME", nullable = false)
    private String name;

    /** Lower-case hex SHA-256 of the whole secret ({@code pst_...}). */
    @Column(name = "SECRET_HASH", length = 64, nullable = false)
    private String secretHash;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    /** Id and username of the admin who minted it (often a master-realm admin). */
    @Column(name = "CREATED_BY_ID", length = 36)
    private String createdById;

    @Column(name = "CREATED_BY")
    private String createdBy;

    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    @Column(name = "LAST_USED_AT")
    private Long lastUsedAt;

    @Column(name = "REVOKED_AT")
    private Long revokedAt;

    @Column(name = "REVOKED_BY")
    private String revokedBy;

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public boolean isExpired(long now) {
        return expiresAt != null && expiresAt <= now;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public TeamEntity getTeam() { return team; }
    public void setTeam(TeamEntity team) { this.team = team; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getSecretHash() { return secretHash; }
    public void setSecretHash(String secretHash) { this.secretHash = secretHash; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public String getCreatedById() { return createdById; }
    public void setCreatedById(String createdById) { this.createdById = createdById; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
    public Long getLastUsedAt() { return lastUsedAt; }
    public void setLastUsedAt(Long lastUsedAt) { this.lastUsedAt = lastUsedAt; }
    public Long getRevokedAt() { return revokedAt; }
    public void setRevokedAt(Long revokedAt) { this.revokedAt = revokedAt; }
    public String getRevokedBy() { return revokedBy; }
    public void setRevokedBy(String revokedBy) { this.revokedBy = revokedBy; }
}
