package io.preset.teams.forward;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One call to replay at the target. Rows of one (team, user) are sent in {@code seq} order, each only
 * after every earlier one was sent. A row being sent is {@code in_flight} with a lease: when the lease
 * runs out (the node died mid-send) any node may send it again.
 */
@Entity
@Table(name = "PRESET_FORWARD_OUTBOX")
@NamedQueries({
        @NamedQuery(name = "presetOutbox.ofTeam",
                query = "select o from OutboxEntity o where o.teamId = :teamId order by o.createdAt, o.userId, o.seq"),
        @NamedQuery(name = "presetOutbox.ofTeamInState",
                query = "select o from OutboxEntity o where o.teamId = :teamId and o.state = :state"
                        + " order by o.createdAt, o.userId, o.seq"),
        @NamedQuery(name = "presetOutbox.teamsWithWork",
                query = "select distinct o.realmId, o.teamId from OutboxEntity o where o.state in ('pending', 'in_flight')"),
        // due: pending and due, or in flight with a lapsed lease; and first in line for its user. Two queries, each in
        // the order of an index (state, nextAttemptAt, createdAt), so that the database stops at the limit: one query
        // with the "or" sorted every due row of a backlog for each poll (117 ms at 100k rows, against 0.09 ms)
        @NamedQuery(name = "presetOutbox.duePending",
                query = "select o from OutboxEntity o where o.state = 'pending' and o.nextAttemptAt <= :now"
                        + " and o.teamId in :teamIds"
                        + " and not exists (select p.id from OutboxEntity p where p.teamId = o.teamId and p.userId = o.userId"
                        + " and p.seq < o.seq and p.state <> 'sent')"
                        + " order by o.nextAttemptAt, o.createdAt"),
        @NamedQuery(name = "presetOutbox.dueLapsed",
                query = "select o from OutboxEntity o where o.state = 'in_flight' and o.leaseUntil < :now"
                        + " and o.teamId in :teamIds"
                        + " and not exists (select p.id from OutboxEntity p where p.teamId = o.teamId and p.userId = o.userId"
                        + " and p.seq < o.seq and p.state <> 'sent')"
                        + " order by o.leaseUntil"),
        @NamedQuery(name = "presetOutbox.claim",
                query = "update OutboxEntity o set o.state = 'in_flight', o.leaseUntil = :leaseUntil, o.leaseOwner = :owner"
                        + " where o.id = :id and ((o.state = 'pending' and o.nextAttemptAt <= :now)"
                        + " or (o.state = 'in_flight' and o.leaseUntil < :now))"),
        @NamedQuery(name = "presetOutbox.countByState",
                query = "select o.state, count(o) from OutboxEntity o group by o.state"),
        @NamedQuery(name = "presetOutbox.deleteUnsentOfTeam",
                query = "delete from OutboxEntity o where o.teamId = :teamId and o.state <> 'sent'"),
        @NamedQuery(name = "presetOutbox.deleteOfTeam",
                query = "delete from OutboxEntity o where o.teamId = :teamId"),
        @NamedQuery(name = "presetOutbox.deleteOfRealm",
                query = "delete from OutboxEntity o where o.realmId = :realmId"),
        @NamedQuery(name = "presetOutbox.deleteSentBefore",
                query = "delete from OutboxEntity o where o.state = 'sent' and o.sentAt < :before")
})
public class OutboxEntity {

    public static final String PENDING = "pending";
    public static final String IN_FLIGHT = "in_flight";
    public static final String SENT = "sent";
    public static final String DEAD = "dead";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "TEAM_ID", length = 36, nullable = false)
    private String teamId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "SEQ", nullable = false)
    private long seq;

    @Column(name = "METHOD", length = 8, nullable = false)
    private String method;

    @Column(name = "PATH", length = 2048, nullable = false)
    private String path;

    @Column(name = "BODY", length = 25500)
    private String body;

    @Column(name = "STATE", length = 16, nullable = false)
    private String state;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "LAST_ERROR", length = 1024)
    private String lastError;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "NEXT_ATTEMPT_AT")
    private Long nextAttemptAt;

    @Column(name = "SENT_AT")
    private Long sentAt;

    @Column(name = "LEASE_UNTIL")
    private Long leaseUntil;

    @Column(name = "LEASE_OWNER", length = 36)
    private String leaseOwner;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getTeamId() { return teamId; }
    public void setTeamId(String teamId) { this.teamId = teamId; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public long getSeq() { return seq; }
    public void setSeq(long seq) { this.seq = seq; }
    public String getMethod() { return method; }
    public void setMethod(String method) { this.method = method; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public Long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(Long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public Long getSentAt() { return sentAt; }
    public void setSentAt(Long sentAt) { this.sentAt = sentAt; }
    public Long getLeaseUntil() { return leaseUntil; }
    public void setLeaseUntil(Long leaseUntil) { this.leaseUntil = leaseUntil; }
    public String getLeaseOwner() { return leaseOwner; }
    public void setLeaseOwner(String leaseOwner) { this.leaseOwner = leaseOwner; }
}
