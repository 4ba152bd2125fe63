package io.preset.teams.scim.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * What SCIM knows of an account across teams: the userName as first provisioned, the team whose SCIM or
 * identity provider created it (one of the facts that decide the owner, see
 * {@code io.preset.teams.ownership.AccountOwner}) and whether SCIM created it. Each team's own view of the
 * account (its userName spelling, the profile it sent) lives on its membership. Keycloak's user holds the
 * owner's mirrored core fields (username lower-cased, names, primary email, locale).
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

    /** The team whose SCIM or identity provider created the account; null when created elsewhere or the team is gone. */
    @Column(name = "OWNER_TEAM_ID", length = 36)
    private String ownerTeamId;

    @Column(name = "CREATED_BY_SCIM", nullable = false)
    private boolean createdByScim;


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
}
