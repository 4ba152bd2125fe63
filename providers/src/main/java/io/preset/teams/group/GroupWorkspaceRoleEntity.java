package io.preset.teams.group;

import io.preset.teams.team.WorkspaceEntity;
import io.preset.teams.team.WorkspaceRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** The role a pushed group grants its members in one workspace of the group's team. */
@Entity
@Table(name = "PRESET_GROUP_WORKSPACE_ROLE")
public class GroupWorkspaceRoleEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "GROUP_ID", length = 36, nullable = false)
    private String groupId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "WORKSPACE_ID", nullable = false)
    private WorkspaceEntity workspace;

    @Enumerated(EnumType.STRING)
    @Column(name = "ROLE", length = 32, nullable = false)
    private WorkspaceRole role;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getGroupId() { return groupId; }
    public void setGroupId(String groupId) { this.groupId = groupId; }
    public WorkspaceEntity getWorkspace() { return workspace; }
    public void setWorkspace(WorkspaceEntity workspace) { this.workspace = workspace; }
    public WorkspaceRole getRole() { return role; }
    public void setRole(WorkspaceRole role) { this.role = role; }
}
