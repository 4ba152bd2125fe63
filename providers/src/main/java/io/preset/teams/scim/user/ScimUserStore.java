package io.preset.teams.scim.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.team.MemberEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * SCIM accounts (who created an account) and each team's own view of its members: the profile document
 * a team sent and its filter index rows, kept per membership so that no team reads another's values.
 */
public class ScimUserStore {

    static final String ENTERPRISE_PREFIX = "enterprise:";

    private final EntityManager em;

    public ScimUserStore(KeycloakSession session) {
        this(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    public ScimUserStore(EntityManager em) {
        this.em = em;
    }

    /**
     * What a SCIM create of a new userName must know before it writes, read in one statement instead of four: this
     * team's member of that userName, the realm's account of that username, the teams that verified the domains of
     * the userName and of the email, and the realm's account of that email. Keycloak's accounts are read from its
     * table, so only a realm without user federation may use it (federated accounts are not all in that table).
     */
    public record CreateProbe(String memberWithUserName, String accountWithUserName, String userNameDomainTeam,
                              String emailDomainTeam, String accountWithEmail) {
    }

    /** {@code email} and the domains may be null (no condition on them then). */
    public CreateProbe probeCreate(String realmId, String teamId, String userName, String userNameDomain, String email,
                                   String emailDomain) {
        Object[] row = em.createQuery(CREATE_PROBE, Object[].class)
                .setParameter("teamId", teamId).setParameter("realmId", realmId)
                .setParameter("userNameNorm", userName.toLowerCase(Locale.ROOT))
                // Keycloak stores usernames and emails lower-cased in the JVM's locale (JpaUserProvider does the same)
                .setParameter("username", userName.toLowerCase())
                .setParameter("nameDomain", orNothing(userNameDomain)).setParameter("emailDomain", orNothing(emailDomain))
                .setParameter("email", email == null ? NOTHING : email.toLowerCase())
                .getSingleResult();
        return new CreateProbe((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4]);
    }

    // not a named query: it reads Keycloak's UserEntity, which a persistence unit of our entities alone lacks
    private static final String CREATE_PROBE = "select"
            + " (select m.id from MemberEntity m where m.team.id = :teamId and m.userNameNorm = :userNameNorm),"
            + " (select u.id from UserEntity u where u.realmId = :realmId and u.username = :username),"
            + " (select d.teamId from EmailDomainEntity d where d.realmId = :realmId and d.verifiedDomain = :nameDomain),"
            + " (select e.teamId from EmailDomainEntity e where e.realmId = :realmId and e.verifiedDomain = :emailDomain),"
            + " (select min(o.id) from UserEntity o where o.realmId = :realmId and o.email = :email)"
            + " from TeamEntity t where t.id = :teamId";

    /** Matches no stored domain or email (neither is ever empty); a null parameter would need a typed binding. */
    private static final String NOTHING = "";

    private static String orNothing(String value) {
        return value == null ? NOTHING : value;
    }

    public ScimAccountEntity find(String userId) {
        return em.find(ScimAccountEntity.class, userId);
    }

    public ScimAccountEntity create(String userId, String realmId, String userName, String creatorTeamId, boolean createdByScim) {
        ScimAccountEntity account = new ScimAccountEntity();
        account.setUserId(userId);
        account.setRealmId(realmId);
        account.setUserName(userName);
        account.setOwnerTeamId(creatorTeamId);
        account.setCreatedByScim(createdByScim);
        em.persist(account);
        return account;
    }

    /**
     * Stores the profile document this team sent for its member and rebuilds the member's filter index
     * ({@code fresh}: the member has no index rows yet, so nothing is deleted and no query forces a flush).
     */
    public void writeProfile(MemberEntity member, ObjectNode profile, boolean fresh) {
        profileColumns(member, profile);
        indexProfile(member, profile, fresh);
    }

    /** The profile's own columns of the membership row (a new row gets them before it is persisted). */
    public static void profileColumns(MemberEntity member, ObjectNode profile) {
        member.setProfile(ScimJson.write(profile));
        JsonNode displayName = profile.get("displayName");
        member.setDisplayName(displayName != null && displayName.isTextual() ? cut(displayName.textValue()) : null);
    }

    /** The filter-index rows of the profile ({@code fresh}: the membership has none yet, nothing to delete). */
    public void indexProfile(MemberEntity member, ObjectNode profile, boolean fresh) {
        if (!fresh) {
            em.createNamedQuery("presetScimValue.deleteByMember").setParameter("memberId", member.getId()).executeUpdate();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = profile.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(ScimJson.ENTERPRISE_USER)) {
                field.getValue().fields().forEachRemaining(e ->
                        index(member, ENTERPRISE_PREFIX + e.getKey(), e.getValue()));
            } else {
                index(member, field.getKey(), field.getValue());
            }
        }
    }

    /** The profile this team sent for its member (empty when it sent none). */
    public static ObjectNode profile(MemberEntity member) {
        if (member == null || member.getProfile() == null) {
            return ScimJson.object();
        }
        return ScimJson.parseObject(member.getProfile());
    }

    /** Before the user's memberships go: the index rows are found through them (no index on {@code USER_ID}). */
    public static void deleteAllOfUser(EntityManager em, String userId) {
        em.createNamedQuery("presetScimValue.deleteByUser").setParameter("userId", userId).executeUpdate();
        em.createNamedQuery("presetScimUser.deleteByUser").setParameter("userId", userId).executeUpdate();
    }

    public static void deleteAllOfRealm(EntityManager em, String realmId) {
        em.createNamedQuery("presetScimValue.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("presetScimUser.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    private void index(MemberEntity member, String attr, JsonNode value) {
        if (value.isArray()) {
            int idx = 0;
            for (JsonNode element : value) {
                indexElement(member, attr, idx++, element);
            }
        } else {
            indexElement(member, attr, 0, value);
        }
    }

    private void indexElement(MemberEntity member, String attr, int idx, JsonNode value) {
        if (value.isObject()) {
            value.fields().forEachRemaining(e -> row(member, attr, idx, e.getKey(), e.getValue()));
        } else {
            row(member, attr, idx, ScimValueEntity.NO_SUB, value);
        }
    }

    private void row(MemberEntity member, String attr, int idx, String sub, JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            return;
        }
        ScimValueEntity row = new ScimValueEntity();
        row.setId(KeycloakModelUtils.generateId());
        row.setUserId(member.getUserId());
        row.setMemberId(member.getId());
        row.setAttr(attr);
        row.setIdx(idx);
        row.setSub(sub);
        row.setValueNorm(cut(value.asText()));
        em.persist(row);
    }

    static String cut(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.length() > ScimValueEntity.MAX_VALUE ? lower.substring(0, ScimValueEntity.MAX_VALUE) : lower;
    }
}
