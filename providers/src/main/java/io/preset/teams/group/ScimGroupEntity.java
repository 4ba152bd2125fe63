package io.preset.teams.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A group pushed by one team: the Keycloak group {@code groupId} (a subgroup of the team's
 * {@code team:<slug>} group, whose name is the SCIM displayName) plus what SCIM keeps per group.
 */
@Entity
@Table(name = "PRESET_SCIM_GROUP")
public class ScimGroupEntity {

    @Id
    @Column(name = "GROUP_ID", length = 36)
    private String groupId;

    @Column(name = "TEAM_ID", length = 36, nullable = false)
    private String teamId;

    /** Okta's or Entra's id of the group (case-exact). */
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

    public String getGroupId() { return groupId; }
    public void setGroupId(String groupId) { this.groupId = groupId; }
    public String getTeamId() { return teamId; }
    public void setTeamId(String teamId) { this.teamId = teamId; }
    public String getExternalId() { return externalId; }
    public void setExternalId(String externalId) { this.externalId = externalId; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getLastModified() { return lastModified; }
    public void setLastModified(long lastModified) { this.lastModified = lastModified; }
    public int getVersion() { return version; }
    public void setVersion(int version) { this.version = version; }
}
