package io.preset.teams.ownership;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A team's claim of an email domain. Any number of teams may claim a domain (so that claiming a domain first
 * cannot block its real owner), but only one may have it verified: {@code VERIFIED_DOMAIN} holds the domain
 * only once the claim is verified, and a unique key on (realm, verified domain) lets the database refuse a
 * second verified claim (NULLs never collide, on H2 and PostgreSQL alike).
 */
@Entity
@Table(name = "PRESET_EMAIL_DOMAIN")
@NamedQueries({
        @NamedQuery(name = "presetDomain.ofTeam",
                query = "select d from EmailDomainEntity d where d.teamId = :teamId order by d.domain"),
        @NamedQuery(name = "presetDomain.ofTeamByName",
                query = "select d from EmailDomainEntity d where d.teamId = :teamId and d.domain = :domain"),
        @NamedQuery(name = "presetDomain.verified",
                query = "select d from EmailDomainEntity d where d.realmId = :realmId and d.verifiedDomain in :domains"),
        @NamedQuery(name = "presetDomain.verifiedOne",
                query = "select d.teamId from EmailDomainEntity d where d.realmId = :realmId and d.verifiedDomain = :domain"),
        @NamedQuery(name = "presetDomain.verifiedOfTeam",
                query = "select d.domain from EmailDomainEntity d where d.teamId = :teamId and d.verifiedDomain is not null"),
        @NamedQuery(name = "presetDomain.deleteByTeam",
                query = "delete from EmailDomainEntity d where d.teamId = :teamId"),
        @NamedQuery(name = "presetDomain.deleteByRealm",
                query = "delete from EmailDomainEntity d where d.realmId = :realmId")
})
public class EmailDomainEntity {

    public static final String BY_OPERATOR = "operator";
    public static final String BY_DNS = "dns";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "TEAM_ID", length = 36, nullable = false)
    private String teamId;

    /** Lower-case, IDNA ASCII form. */
    @Column(name = "DOMAIN", nullable = false)
    private String domain;

    /** The domain once verified, else null (see the class comment). */
    @Column(name = "VERIFIED_DOMAIN")
    private String verifiedDomain;

    /** The value of the DNS TXT record {@code preset-domain-verification=<token>} that proves the claim. */
    @Column(name = "TOKEN", length = 64, nullable = false)
    private String token;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "VERIFIED_AT")
    private Long verifiedAt;

    /** {@value #BY_OPERATOR} or {@value #BY_DNS}. */
    @Column(name = "VERIFIED_BY", length = 16)
    private String verifiedBy;

    /** When the DNS record was last looked up, and what that look-up said (for the admin API's status). */
    @Column(name = "LAST_CHECKED_AT")
    private Long lastCheckedAt;

    @Column(name = "LAST_CHECK_ERROR", length = 512)
    private String lastCheckError;

    public boolean isVerified() { return verifiedDomain != null; }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getTeamId() { return teamId; }
    public void setTeamId(String teamId) { this.teamId = teamId; }
    public String getDomain() { return domain; }
    public void setDomain(String domain) { this.domain = domain; }
    public String getVerifiedDomain() { return verifiedDomain; }
    public void setVerifiedDomain(String verifiedDomain) { this.verifiedDomain = verifiedDomain; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public Long getVerifiedAt() { return verifiedAt; }
    public void setVerifiedAt(Long verifiedAt) { this.verifiedAt = verifiedAt; }
    public String getVerifiedBy() { return verifiedBy; }
    public void setVerifiedBy(String verifiedBy) { this.verifiedBy = verifiedBy; }
    public Long getLastCheckedAt() { return lastCheckedAt; }
    public void setLastCheckedAt(Long lastCheckedAt) { this.lastCheckedAt = lastCheckedAt; }
    public String getLastCheckError() { return lastCheckError; }
    public void setLastCheckError(String lastCheckError) { this.lastCheckError = lastCheckError; }
}
