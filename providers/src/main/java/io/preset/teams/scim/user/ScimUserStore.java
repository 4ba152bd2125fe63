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
