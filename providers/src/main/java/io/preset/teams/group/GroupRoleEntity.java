package io.preset.teams.group;

import io.preset.teams.team.TeamRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The team role a pushed group grants its members (null: none); its workspace roles are {@link GroupWorkspaceRoleEntity}. */
@Entity
@Table(name = "PRESET_GROUP_ROLE")
public class GroupRoleEntity {

    @Id
    @Column(name = "GROUP_ID", length = 36)
    private String groupId;

    @Column(name = "TEAM_ID", length = 36, nullable = false)
    private String teamId;

    @Enumerated(EnumType.STRING)
    @Column(name = "TEAM_ROLE", length = 16)
    private TeamRole teamRole;

    public String getGroupId() { return groupId; }
    public void setGroupId(String groupId) { this.groupId = groupId; }
    public String getTeamId() { return teamId; }
    public void setTeamId(String teamId) { this.teamId = teamId; }
    public TeamRole getTeamRole() { return teamRole; }
    public void setTeamRole(TeamRole teamRole) { this.teamRole = teamRole; }
}
