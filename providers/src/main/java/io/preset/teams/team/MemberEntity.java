package io.preset.teams.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A user's membership of a team. The row outlives a SCIM deactivation ({@code active = false}) so that
 * Okta can still read and reactivate the user; only DELETE removes it.
 */
@Entity
@Table(name = "PRESET_TEAM_MEMBER")
@NamedQueries({
        @NamedQuery(name = "presetMember.byUser",
                query = "select m from MemberEntity m where m.team = :team and m.userId = :userId"),
        @NamedQuery(name = "presetMember.page",
                query = "select m from MemberEntity m where m.team = :team order by m.createdAt, m.id"),
        @NamedQuery(name = "presetMember.count",
                query = "select count(m) from MemberEntity m where m.team = :team"),
        @NamedQuery(name = "presetMember.allOfUser",
                query = "select m from MemberEntity m where m.userId = :userId"),
        @NamedQuery(name = "presetMember.deleteByUser",
                query = "delete from MemberEntity m where m.userId = :userId"),
        @NamedQuery(name = "presetMember.deleteByTeam",
                query = "delete from MemberEntity m where m.team = :team"),
        @NamedQuery(name = "presetMember.deleteByRealm",
                query = "delete from MemberEntity m where m.realmId = :realmId")
})
public class MemberEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "TEAM_ID", nullable = false)
    private TeamEntity team;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "ACTIVE", nullable = false)
    private boolean active;

    /** The direct team role; groups may raise the effective one. */
    @Enumerated(EnumType.STRING)
    @Column(name = "TEAM_ROLE", length = 16, nullable = false)
    private TeamRole teamRole;

    /** Okta's or Entra's id of this user, kept per team (case-exact, RFC 7643 section 3.1). */
    @Column(name = "EXTERNAL_ID")
    private String externalId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "LAST_MODIFIED", nullable = false)
    private long lastModified;

    @Column(name = "VERSION", nullable = false)
    private int version;

    public void touch() {
        lastModified = Math.max(System.currentTimeMillis(), lastModified + 1);
        version++;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public TeamEntity getTeam() { return team; }
    public void setTeam(TeamEntity team) { this.team = team; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public TeamRole getTeamRole() { return teamRole; }
    public void setTeamRole(TeamRole teamRole) { this.teamRole = teamRole; }
    public String getExternalId() { return externalId; }
    public void setExternalId(String externalId) { this.externalId = externalId; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getLastModified() { return lastModified; }
    public void setLastModified(long lastModified) { this.lastModified = lastModified; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
