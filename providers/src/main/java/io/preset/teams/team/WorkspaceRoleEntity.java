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

/** A member's direct role in one workspace. */
@Entity
@Table(name = "PRESET_WORKSPACE_ROLE")
@NamedQueries({
        @NamedQuery(name = "presetWorkspaceRole.ofMember",
                query = "select r from WorkspaceRoleEntity r join fetch r.workspace where r.member = :member"),
        @NamedQuery(name = "presetWorkspaceRole.deleteOfMember",
                query = "delete from WorkspaceRoleEntity r where r.member = :member"),
        @NamedQuery(name = "presetWorkspaceRole.deleteOfWorkspace",
                query = "delete from WorkspaceRoleEntity r where r.workspace = :workspace"),
        @NamedQuery(name = "presetWorkspaceRole.deleteOfUser",
                query = "delete from WorkspaceRoleEntity r where r.member.id in "
                        + "(select m.id from MemberEntity m where m.userId = :userId)"),
        @NamedQuery(name = "presetWorkspaceRole.deleteOfRealm",
                query = "delete from WorkspaceRoleEntity r where r.member.id in "
                        + "(select m.id from MemberEntity m where m.realmId = :realmId)")
})
public class WorkspaceRoleEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "MEMBER_ID", nullable = false)
    private MemberEntity member;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "WORKSPACE_ID", nullable = false)
    private WorkspaceEntity workspace;

    @Enumerated(EnumType.STRING)
    @Column(name = "ROLE", length = 32, nullable = false)
    private WorkspaceRole role;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public MemberEntity getMember() { return member; }
    public void setMember(MemberEntity member) { this.member = member; }
    public WorkspaceEntity getWorkspace() { return workspace; }
    public void setWorkspace(WorkspaceEntity workspace) { this.workspace = workspace; }
    public WorkspaceRole getRole() { return role; }
    public void setRole(WorkspaceRole role) { this.role = role; }
}
