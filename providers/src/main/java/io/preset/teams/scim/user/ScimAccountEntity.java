package io.preset.teams.scim.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * What SCIM knows of an account across teams: the userName exactly as first provisioned, the owning
 * team (the only one allowed to write the profile) and the SCIM profile document. Keycloak's user
 * holds the mirrored core fields (username lower-cased, names, primary email, locale).
 */
@Entity
@Table(name = "PRESET_SCIM_USER")
@NamedQueries({
        @NamedQuery(name = "presetScimUser.byIds",
                query = "select a from ScimAccountEntity a where a.userId in :ids"),
        @NamedQuery(name = "presetScimUser.deleteByUser",
                query = "delete from ScimAccountEntity a where a.userId = :userId"),
        @NamedQuery(name = "presetScimUser.deleteByRealm",
                query = "delete from ScimAccountEntity a where a.realmId = :realmId"),
        @NamedQuery(name = "presetScimUser.clearOwner",
                query = "update ScimAccountEntity a set a.ownerTeamId = null where a.ownerTeamId = :teamId")
})
public class ScimAccountEntity {

    @Id
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** userName with its original letter case; Keycloak's username is the lower-cased copy. */
    @Column(name = "USER_NAME", nullable = false)
    private String userName;

    /** The team whose SCIM created the account; null when created elsewhere or the team is gone. */
    @Column(name = "OWNER_TEAM_ID", length = 36)
    private String ownerTeamId;

    @Column(name = "CREATED_BY_SCIM", nullable = false)
    private boolean createdByScim;

    /** Lower-cased copy of displayName, for sorting. */
    @Column(name = "DISPLAY_NAME")
    private String displayName;

    /** The SCIM profile attributes as JSON (no id, meta, active, externalId, groups or password). */
    @Column(name = "PROFILE")
    private String profile;

    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getUserName() { return userName; }
    public void setUserName(String userName) { this.userName = userName; }
    public String getOwnerTeamId() { return ownerTeamId; }
    public void setOwnerTeamId(String ownerTeamId) { this.ownerTeamId = ownerTeamId; }
    public boolean isCreatedByScim() { return createdByScim; }
    public void setCreatedByScim(boolean createdByScim) { this.createdByScim = createdByScim; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String displayName) { this.displayName = displayName; }
    public String getProfile() { return profile; }
    public void setProfile(String profile) { this.profile = profile; }
}
