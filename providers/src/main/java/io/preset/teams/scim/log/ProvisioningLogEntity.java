package io.preset.teams.scim.log;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One SCIM request of a team as the provisioning log keeps it: who called, what was asked, what we answered and
 * what changed (redacted, see {@link Redaction}). No foreign key to the team: a refused write's row is inserted in a
 * transaction of its own while the request's transaction may still hold the team row's lock (the outbox locks it);
 * the rows of a deleted team or realm are deleted with it (see {@link ProvisioningLogStore}).
 */
@Entity
@Table(name = "PRESET_SCIM_LOG")
@NamedQueries({
        @NamedQuery(name = "presetScimLog.timesOfTeamNewestFirst",
                query = "select l.loggedAt from ProvisioningLogEntity l where l.teamId = :teamId order by l.loggedAt desc"),
        @NamedQuery(name = "presetScimLog.deleteOfTeamBefore",
                query = "delete from ProvisioningLogEntity l where l.teamId = :teamId and l.loggedAt < :before"),
        @NamedQuery(name = "presetScimLog.deleteOfTeam",
                query = "delete from ProvisioningLogEntity l where l.teamId = :teamId"),
        @NamedQuery(name = "presetScimLog.deleteOfRealm",
                query = "delete from ProvisioningLogEntity l where l.realmId = :realmId"),
        @NamedQuery(name = "presetScimLog.statusesOfTeamSince",
                query = "select l.status, count(l) from ProvisioningLogEntity l where l.teamId = :teamId"
                        + " and l.loggedAt >= :since group by l.status"),
        @NamedQuery(name = "presetScimLog.clientsOfTeam",
                query = "select l.clientKind, l.clientId, l.clientName, max(l.loggedAt) from ProvisioningLogEntity l"
                        + " where l.teamId = :teamId and l.status < 400 and l.clientId is not null"
                        + " group by l.clientKind, l.clientId, l.clientName")
})
public class ProvisioningLogEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "TEAM_ID", length = 36, nullable = false)
    private String teamId;

    /** Epoch milliseconds at which the request arrived. */
    @Column(name = "LOGGED_AT", nullable = false)
    private long loggedAt;

    @Column(name = "DURATION_MS", nullable = false)
    private int durationMs;

    /** {@code scim-token}, {@code oauth} or {@code none} (no valid credential). */
    @Column(name = "CLIENT_KIND", length = 16, nullable = false)
    private String clientKind;

    /** The SCIM token's id or the OAuth grant's user id. */
    @Column(name = "CLIENT_ID", length = 36)
    private String clientId;

    /** The SCIM token's name or the OAuth grant's username. */
    @Column(name = "CLIENT_NAME", length = 255)
    private String clientName;

    @Column(name = "USER_AGENT", length = 255)
    private String userAgent;

    @Column(name = "METHOD", length = 8, nullable = false)
    private String method;

    /** Below {@code scim/v2}, e.g. {@code /Users/42}; the query string is not kept (only the filter). */
    @Column(name = "PATH", length = 512, nullable = false)
    private String path;

    /** {@code Users}, {@code Groups}, {@code discovery} or {@code other}. */
    @Column(name = "RESOURCE_TYPE", length = 16, nullable = false)
    private String resourceType;

    @Column(name = "RESOURCE_ID", length = 64)
    private String resourceId;

    /** The userName or displayName of the resource, lower case (for look-ups by user). */
    @Column(name = "RESOURCE_NAME", length = 255)
    private String resourceName;

    @Column(name = "FILTER", length = 512)
    private String filter;

    @Column(name = "STATUS", nullable = false)
    private int status;

    @Column(name = "SCIM_TYPE", length = 32)
    private String scimType;

    @Column(name = "DETAIL", length = 512)
    private String detail;

    /** The section of docs/troubleshooting.md that explains this answer; null for a plain success. */
    @Column(name = "ERROR_KIND", length = 32)
    private String errorKind;

    /** A short JSON summary of what was sent or changed, values redacted (see {@link Redaction}). */
    @Column(name = "CHANGES", length = 2000)
    private String changes;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getTeamId() { return teamId; }
    public void setTeamId(String teamId) { this.teamId = teamId; }
    public long getLoggedAt() { return loggedAt; }
    public void setLoggedAt(long loggedAt) { this.loggedAt = loggedAt; }
    public int getDurationMs() { return durationMs; }
    public void setDurationMs(int durationMs) { this.durationMs = durationMs; }
    public String getClientKind() { return clientKind; }
    public void setClientKind(String clientKind) { this.clientKind = clientKind; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientName() { return clientName; }
    public void setClientName(String clientName) { this.clientName = clientName; }
    public String getUserAgent() { return userAgent; }
    public void setUserAgent(String userAgent) { this.userAgent = userAgent; }
    public String getMethod() { return method; }
    public void setMethod(String method) { this.method = method; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public String getResourceType() { return resourceType; }
    public void setResourceType(String resourceType) { this.resourceType = resourceType; }
    public String getResourceId() { return resourceId; }
    public void setResourceId(String resourceId) { this.resourceId = resourceId; }
    public String getResourceName() { return resourceName; }
    public void setResourceName(String resourceName) { this.resourceName = resourceName; }
    public String getFilter() { return filter; }
    public void setFilter(String filter) { this.filter = filter; }
    public int getStatus() { return status; }
    public void setStatus(int status) { this.status = status; }
    public String getScimType() { return scimType; }
    public void setScimType(String scimType) { this.scimType = scimType; }
    public String getDetail() { return detail; }
    public void setDetail(String detail) { this.detail = detail; }
    public String getErrorKind() { return errorKind; }
    public void setErrorKind(String errorKind) { this.errorKind = errorKind; }
    public String getChanges() { return changes; }
    public void setChanges(String changes) { this.changes = changes; }
}
