package io.preset.teams.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity
@Table(name = "PRESET_WORKSPACE")
@NamedQueries({
        @NamedQuery(name = "presetWorkspace.byName",
                query = "select w from WorkspaceEntity w where w.team = :team and w.name = :name"),
        @NamedQuery(name = "presetWorkspace.byTeam",
                query = "select w from WorkspaceEntity w where w.team = :team order by w.name")
})
public class WorkspaceEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "TEAM_ID", nullable = false)
    private TeamEntity team;

    @Column(name = "NAME", length = 63, nullable = false)
    private String name;

    @Column(name = "TITLE", nullable = false)
    private String title;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public TeamEntity getTeam() { return team; }
    public void setTeam(TeamEntity team) { this.team = team; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
}
