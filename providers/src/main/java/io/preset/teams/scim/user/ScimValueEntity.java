package io.preset.teams.scim.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * Filter index of SCIM profile values: one row per leaf value of one team's view of a user
 * ({@code MEMBER_ID}: the membership whose profile it indexes), so that filters on any profile
 * attribute run as indexed database queries and only ever see what that team sent. {@code ATTR} is the attribute key ({@code title},
 * {@code emails}, {@code name}, or {@code enterprise:department} for Enterprise User attributes),
 * {@code IDX} the element of a multi-valued attribute (0 otherwise), {@code SUB} the sub-attribute
 * ('-' for a simple attribute) and {@code VALUE_NORM} the lower-cased value (booleans as
 * {@code true}/{@code false}), cut to 255 characters.
 */
@Entity
@Table(name = "PRESET_SCIM_USER_VALUE")
@NamedQueries({
        @NamedQuery(name = "presetScimValue.deleteByUser",
                query = "delete from ScimValueEntity v where v.memberId in "
                        + "(select m.id from MemberEntity m where m.userId = :userId)"),
        @NamedQuery(name = "presetScimValue.deleteByMember",
                query = "delete from ScimValueEntity v where v.memberId = :memberId"),
        @NamedQuery(name = "presetScimValue.deleteByTeam",
                query = "delete from ScimValueEntity v where v.memberId in "
                        + "(select m.id from MemberEntity m where m.team = :team)"),
        @NamedQuery(name = "presetScimValue.deleteByRealm",
                query = "delete from ScimValueEntity v where v.memberId in "
                        + "(select m.id from MemberEntity m where m.realmId = :realmId)")
})
public class ScimValueEntity {

    public static final String NO_SUB = "-";
    public static final int MAX_VALUE = 255;

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "MEMBER_ID", length = 36, nullable = false)
    private String memberId;

    @Column(name = "ATTR", length = 128, nullable = false)
    private String attr;

    @Column(name = "IDX", nullable = false)
    private int idx;

    @Column(name = "SUB", length = 64, nullable = false)
    private String sub;

    @Column(name = "VALUE_NORM", length = MAX_VALUE, nullable = false)
    private String valueNorm;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public String getMemberId() { return memberId; }
    public void setMemberId(String memberId) { this.memberId = memberId; }
    public String getAttr() { return attr; }
    public void setAttr(String attr) { this.attr = attr; }
    public int getIdx() { return idx; }
    public void setIdx(int idx) { this.idx = idx; }
    public String getSub() { return sub; }
    public void setSub(String sub) { this.sub = sub; }
    public String getValueNorm() { return valueNorm; }
    public void setValueNorm(String valueNorm) { this.valueNorm = valueNorm; }
}
