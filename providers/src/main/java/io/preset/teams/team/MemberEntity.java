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
 * A user's membership of a team, and the team's own view of the user. The row outlives a SCIM deactivation
 * ({@code active = false}) so that Okta can still read and reactivate the user; only DELETE removes it.
 *
 * <p>{@code active} is the membership that counts: it grants roles and shows in tokens. A membership of an
 * account that the team does not own starts as a <em>pending invitation</em>: {@code active} stays false
 * until the account holder accepts it (or an operator adds the member), while {@code requestedActive} keeps
 * what the team's SCIM asked for, which is what SCIM shows as {@code active}.
 *
 * <p>{@code userName}, {@code profile} and the filter index rows of the member are what this team provisioned
 * itself: no team ever reads another team's (or the owner's) values through them.
 */
@Entity
@Table(name = "PRESET_TEAM_MEMBER")
@NamedQueries({
        @NamedQuery(name = "presetMember.byUser",
                query = "select m from MemberEntity m where m.team = :team and m.userId = :userId"),
        @NamedQuery(name = "presetMember.page",
                query = "select m from MemberEntity m where m.team = :team order by m.createdAt, m.id"),
        @NamedQuery(name = "presetMember.byUserName",
                query = "select m from MemberEntity m where m.team = :team and m.userNameNorm = :userNameNorm"),
        @NamedQuery(name = "presetMember.pendingOfUser",
                query = "select m from MemberEntity m where m.userId = :userId and m.pending = true order by m.createdAt"),
        @NamedQuery(name = "presetMember.pendingOfTeam",
                query = "select m from MemberEntity m where m.team = :team and m.pending = true order by m.createdAt, m.id"),
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

    /** This team's spelling of the userName (case kept); null for a member no SCIM provisioned. */
    @Column(name = "USER_NAME")
    private String userName;

    /** Lower-cased {@link #userName}: unique per team, the key of Okta's {@code userName eq} lookup. */
    @Column(name = "USER_NAME_NORM")
    private String userNameNorm;

    /** The SCIM profile attributes this team sent, as JSON (no id, meta, active, externalId, groups, password). */
    @Column(name = "PROFILE")
    private String profile;

    /** Lower-cased displayName of {@link #profile}, for sorting. */
    @Column(name = "DISPLAY_NAME")
    private String displayName;

    /** An invitation the account holder has not accepted yet: no role, no token claim. */
    @Column(name = "PENDING", nullable = false)
    private boolean pending;

    /** While pending: the {@code active} the team's SCIM asked for; applied on acceptance. */
    @Column(name = "REQUESTED_ACTIVE", nullable = false)
    private boolean requestedActive;

    @Column(name = "INVITED_AT")
    private Long invitedAt;

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
    /** What SCIM shows as {@code active}: the requested state while the invitation is pending. */
    public boolean isScimActive() { return pending ? requestedActive : active; }
    public String getUserName() { return userName; }
    public void setUserName(String userName) {
        this.userName = userName;
        this.userNameNorm = userName == null ? null : userName.toLowerCase(java.util.Locale.ROOT);
    }
    public String getUserNameNorm() { return userNameNorm; }
    public String getProfile() { return profile; }
    public void setProfile(String profile) { this.profile = profile; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public boolean isPending() { return pending; }
    public void setPending(boolean pending) { this.pending = pending; }
    public boolean isRequestedActive() { return requestedActive; }
    public void setRequestedActive(boolean requestedActive) { this.requestedActive = requestedActive; }
    public Long getInvitedAt() { return invitedAt; }
    public void setInvitedAt(Long invitedAt) { this.invitedAt = invitedAt; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getLastModified() { return lastModified; }
    public void setLastModified(long lastModified) { this.lastModified = lastModified; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
