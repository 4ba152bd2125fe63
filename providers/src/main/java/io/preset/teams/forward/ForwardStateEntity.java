package io.preset.teams.forward;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * What the target was last told about one user of one team (the roles of the last enqueued calls),
 * the remote key used for them, so that a user deleted from Keycloak can still be removed there,
 * and the last sequence number given to the user's outbox rows.
 */
@Entity
@Table(name = "PRESET_FORWARD_STATE")
@NamedQueries({
        @NamedQuery(name = "presetForwardState.ofTeam",
                query = "select s from ForwardStateEntity s where s.teamId = :teamId order by s.userId"),
        @NamedQuery(name = "presetForwardState.ofUsers",
                query = "select s from ForwardStateEntity s where s.teamId = :teamId and s.userId in :userIds order by s.userId"),
        @NamedQuery(name = "presetForwardState.teamsOfUser",
                query = "select distinct s.teamId from ForwardStateEntity s where s.userId = :userId"),
        @NamedQuery(name = "presetForwardState.deleteOfTeam",
                query = "delete from ForwardStateEntity s where s.teamId = :teamId"),
        @NamedQuery(name = "presetForwardState.deleteOfRealm",
                query = "delete from ForwardStateEntity s where s.realmId = :realmId")
})
public class ForwardStateEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "TEAM_ID", length = 36, nullable = false)
    private String teamId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "REMOTE_KEY", length = 255)
    private String remoteKey;

    /** Null: not a member at the target. */
    @Column(name = "TEAM_ROLE", length = 16)
    private String teamRole;

    /** {@code name=Role;name=Role}, see {@link RoleState#encodeWorkspaces()}. */
    @Column(name = "WORKSPACE_ROLES", length = 25500)
    private String workspaceRoles;

    @Column(name = "LAST_SEQ", nullable = false)
    private long lastSeq;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getTeamId() { return teamId; }
    public void setTeamId(String teamId) { this.teamId = teamId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getRemoteKey() { return remoteKey; }
    public void setRemoteKey(String remoteKey) { this.remoteKey = remoteKey; }
    public String getTeamRole() { return teamRole; }
    public void setTeamRole(String teamRole) { this.teamRole = teamRole; }
    public String getWorkspaceRoles() { return workspaceRoles; }
    public void setWorkspaceRoles(String workspaceRoles) { this.workspaceRoles = workspaceRoles; }
    public long getLastSeq() { return lastSeq; }
    public void setLastSeq(long lastSeq) { this.lastSeq = lastSeq; }
}
