package io.preset.teams.scim.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimJson;
import jakarta.persistence.EntityManager;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** SCIM accounts and their filter index. */
public class ScimUserStore {

    static final String ENTERPRISE_PREFIX = "enterprise:";

    private final EntityManager em;

    public ScimUserStore(EntityManager em) {
        this.em = em;
    }

    public ScimAccountEntity find(String userId) {
        return em.find(ScimAccountEntity.class, userId);
    }

    public Map<String, ScimAccountEntity> findAll(Collection<String> userIds) {
        Map<String, ScimAccountEntity> byId = new HashMap<>();
        if (!userIds.isEmpty()) {
            em.createNamedQuery("presetScimUser.byIds", ScimAccountEntity.class).setParameter("ids", userIds)
                    .getResultList().forEach(a -> byId.put(a.getUserId(), a));
        }
        return byId;
    }

    public ScimAccountEntity create(String userId, String realmId, String userName, String ownerTeamId, boolean createdByScim) {
        ScimAccountEntity account = newAccount(userId, realmId, userName, ownerTeamId, createdByScim);
        em.persist(account);
        return account;
    }

    /**
     * A brand-new account with its profile, persisted complete: Hibernate inserts the state an entity has at
     * persist time, so setting the profile afterwards would cost an extra UPDATE.
     */
    public ScimAccountEntity createWithProfile(String userId, String realmId, String userName, String ownerTeamId,
                                               ObjectNode profile) {
        ScimAccountEntity account = newAccount(userId, realmId, userName, ownerTeamId, true);
        writeProfile(account, profile, true);
        em.persist(account);
        return account;
    }

    private static ScimAccountEntity newAccount(String userId, String realmId, String userName, String ownerTeamId,
                                               boolean createdByScim) {
        ScimAccountEntity account = new ScimAccountEntity();
        account.setUserId(userId);
        account.setRealmId(realmId);
        account.setUserName(userName);
        account.setOwnerTeamId(ownerTeamId);
        account.setCreatedByScim(createdByScim);
        return account;
    }

    /** Stores the profile document and rebuilds its filter index ({@code fresh}: the account has no index rows yet). */
    public void writeProfile(ScimAccountEntity account, ObjectNode profile, boolean fresh) {
        account.setProfile(ScimJson.write(profile));
        JsonNode displayName = profile.get("displayName");
        account.setDisplayName(displayName != null && displayName.isTextual() ? cut(displayName.textValue()) : null);
        if (!fresh) {
            em.createNamedQuery("presetScimValue.deleteByUser").setParameter("userId", account.getUserId()).executeUpdate();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = profile.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals(ScimJson.ENTERPRISE_USER)) {
                field.getValue().fields().forEachRemaining(e ->
                        index(account.getUserId(), ENTERPRISE_PREFIX + e.getKey(), e.getValue()));
            } else {
                index(account.getUserId(), field.getKey(), field.getValue());
            }
        }
    }

    public ObjectNode profile(ScimAccountEntity account) {
        if (account == null || account.getProfile() == null) {
            return ScimJson.object();
        }
        return ScimJson.parseObject(account.getProfile());
    }

    public void delete(String userId) {
        deleteAllOfUser(em, userId);
    }

    public static void deleteAllOfUser(EntityManager em, String userId) {
        em.createNamedQuery("presetScimValue.deleteByUser").setParameter("userId", userId).executeUpdate();
        em.createNamedQuery("presetScimUser.deleteByUser").setParameter("userId", userId).executeUpdate();
    }

    public static void deleteAllOfRealm(EntityManager em, String realmId) {
        em.createNamedQuery("presetScimValue.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("presetScimUser.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    private void index(String userId, String attr, JsonNode value) {
        if (value.isArray()) {
            int idx = 0;
            for (JsonNode element : value) {
                indexElement(userId, attr, idx++, element);
            }
        } else {
            indexElement(userId, attr, 0, value);
        }
    }

    private void indexElement(String userId, String attr, int idx, JsonNode value) {
        if (value.isObject()) {
            value.fields().forEachRemaining(e -> row(userId, attr, idx, e.getKey(), e.getValue()));
        } else {
            row(userId, attr, idx, ScimValueEntity.NO_SUB, value);
        }
    }

    private void row(String userId, String attr, int idx, String sub, JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            return;
        }
        ScimValueEntity row = new ScimValueEntity();
        row.setId(KeycloakModelUtils.generateId());
        row.setUserId(userId);
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
