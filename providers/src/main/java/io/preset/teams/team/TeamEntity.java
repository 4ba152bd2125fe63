package io.preset.teams.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity
@Table(name = "PRESET_TEAM")
@NamedQueries({
        @NamedQuery(name = "presetTeam.bySlug",
                query = "select t from TeamEntity t where t.realmId = :realmId and t.slug = :slug"),
        @NamedQuery(name = "presetTeam.byRealm",
                query = "select t from TeamEntity t where t.realmId = :realmId order by t.slug"),
        @NamedQuery(name = "presetTeam.deleteByRealm",
                query = "delete from TeamEntity t where t.realmId = :realmId")
})
public class TeamEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SLUG", length = 63, nullable = false)
    private String slug;

    @Column(name = "TITLE", nullable = false)
    private String title;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
}
