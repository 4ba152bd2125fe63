package io.preset.teams.realmio;

import io.preset.teams.auth.OktaScimClient;
import io.preset.teams.auth.ScimTokenEntity;
import io.preset.teams.forward.ForwardStateEntity;
import io.preset.teams.forward.OutboxEntity;
import io.preset.teams.group.GroupRoleEntity;
import io.preset.teams.group.GroupWorkspaceRoleEntity;
import io.preset.teams.group.ScimGroupEntity;
import io.preset.teams.ownership.EmailDomainEntity;
import io.preset.teams.scim.user.ScimAccountEntity;
import io.preset.teams.scim.user.ScimValueEntity;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.WorkspaceEntity;
import io.preset.teams.team.WorkspaceRoleEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.jpa.session.PersistentClientSessionEntity;
import org.keycloak.models.jpa.session.PersistentUserSessionEntity;
import org.keycloak.representations.idm.ComponentExportRepresentation;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every row of the extension's tables that belongs to one realm, as components of a realm export
 * ({@code preset-teams-data} with one {@code preset-row} sub-component per row: {@code entity} and one config entry
 * per non-null attribute, references by id), and back. Rows keep their ids, as Keycloak's export keeps the ids of
 * users and groups, so what SCIM answers (ids, {@code meta.version}, timestamps, userName spellings, profiles) and
 * what the outbox sends (its Idempotency-Key is the row id) is the same after an import. Okta's OAuth grants travel
 * too: the offline user and client sessions of the {@code okta-scim} client (Keycloak's export keeps no sessions),
 * so that the refresh token Okta holds is renewed by the imported realm, whose keys and client ids are the same.
 *
 * <p>The outbox rule on import: a row that was in flight when the export ran is pending again (its lease is dropped;
 * it may have reached the target, so it is sent again with the same Idempotency-Key, which the target uses to ignore
 * a repeat); pending rows stay pending with their next attempt; sent and dead rows stay as they were and are never
 * sent. The forwarding dispatcher does not run inside {@code kc.sh export} or {@code import}.
 */
final class TeamRowStore {

    private static final String OKTA_CLIENTS = "select a.client.id from ClientAttributeEntity a where a.client.realmId = :r"
            + " and a.name = '" + OktaScimClient.MARKER_ATTRIBUTE + "' and a.value = 'true'";

    /** Parents before children, for inserting; the query selects the rows of realm {@code :r}. */
    private record Table(Class<?> entity, String query) {
    }

    private static final List<Table> TABLES = List.of(
            new Table(TeamEntity.class, "select e from TeamEntity e where e.realmId = :r order by e.id"),
            new Table(WorkspaceEntity.class, "select e from WorkspaceEntity e where e.team.realmId = :r order by e.id"),
            new Table(MemberEntity.class, "select e from MemberEntity e where e.realmId = :r order by e.id"),
            new Table(WorkspaceRoleEntity.class, "select e from WorkspaceRoleEntity e where e.member.realmId = :r order by e.id"),
            new Table(ScimAccountEntity.class, "select e from ScimAccountEntity e where e.realmId = :r order by e.userId"),
            new Table(ScimValueEntity.class, "select e from ScimValueEntity e where e.memberId in"
                    + " (select m.id from MemberEntity m where m.realmId = :r) order by e.id"),
            new Table(ScimGroupEntity.class, "select e from ScimGroupEntity e where e.teamId in"
                    + " (select t.id from TeamEntity t where t.realmId = :r) order by e.groupId"),
            new Table(GroupRoleEntity.class, "select e from GroupRoleEntity e where e.teamId in"
                    + " (select t.id from TeamEntity t where t.realmId = :r) order by e.groupId"),
            new Table(GroupWorkspaceRoleEntity.class, "select e from GroupWorkspaceRoleEntity e where e.workspace.team.realmId = :r"
                    + " order by e.id"),
            new Table(ScimTokenEntity.class, "select e from ScimTokenEntity e where e.realmId = :r order by e.id"),
            new Table(EmailDomainEntity.class, "select e from EmailDomainEntity e where e.realmId = :r order by e.id"),
            new Table(ForwardStateEntity.class, "select e from ForwardStateEntity e where e.realmId = :r order by e.id"),
            new Table(OutboxEntity.class, "select e from OutboxEntity e where e.realmId = :r order by e.id"),
            // Okta's OAuth grants: Keycloak's offline sessions of the okta-scim client(s), which Keycloak's own export
            // leaves out; with them a refresh token Okta holds still works after an import (same realm keys, same ids)
            new Table(PersistentUserSessionEntity.class, "select e from PersistentUserSessionEntity e"
                    + " where e.realmId = :r and e.offline = '1' and e.userSessionId in (select c.userSessionId"
                    + " from PersistentClientSessionEntity c where c.offline = '1' and c.clientId in (" + OKTA_CLIENTS + "))"
                    + " order by e.userSessionId"),
            new Table(PersistentClientSessionEntity.class, "select e from PersistentClientSessionEntity e"
                    + " where e.offline = '1' and e.clientId in (" + OKTA_CLIENTS + ") and e.userSessionId in"
                    + " (select s.userSessionId from PersistentUserSessionEntity s where s.realmId = :r and s.offline = '1')"
                    + " order by e.userSessionId"));

    static final String ENTITY = "entity";
    private static final int PAGE = 1000;

    private TeamRowStore() {
    }

    /** Appends every row of the realm to {@code rows}, table by table, a page at a time. */
    static void export(KeycloakSession session, String realmId, Consumer<ComponentExportRepresentation> rows) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        for (Table table : TABLES) {
            EntityType<?> type = em.getMetamodel().entity(table.entity());
            for (int first = 0; ; first += PAGE) {
                List<?> page = em.createQuery(table.query(), table.entity()).setParameter("r", realmId)
                        .setFirstResult(first).setMaxResults(PAGE).getResultList();
                for (Object row : page) {
                    rows.accept(row(em, type, row));
                }
                em.clear(); // a page at a time: the persistence context does not grow with the realm
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
    }

    private static ComponentExportRepresentation row(EntityManager em, EntityType<?> type, Object row) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(ENTITY, type.getName());
        Object id = em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(row);
        for (SingularAttribute<?, ?> attribute : type.getSingularAttributes()) {
            if (attribute.isVersion()) {
                continue; // Hibernate's optimistic-lock counter (Keycloak's session rows): a restored row starts anew
            }
            Object value = read(row, attribute);
            if (value == null) {
                continue;
            }
            if (attribute.isAssociation()) {
                value = em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(value);
            }
            config.putSingle(attribute.getName(), value instanceof Enum<?> e ? e.name() : String.valueOf(value));
        }
        ComponentExportRepresentation rep = new ComponentExportRepresentation();
        rep.setName(type.getName() + "/" + id);
        rep.setProviderId(DeclaredTeams.ROW);
        rep.setConfig(config);
        return rep;
    }

    /**
     * Inserts the rows into realm {@code realmId} (whatever realm id they were exported from). Unknown entities or
     * attributes fail, naming the row.
     */
    static int restore(KeycloakSession session, String realmId, List<ComponentExportRepresentation> rows) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Table table : TABLES) {
            byName.put(em.getMetamodel().entity(table.entity()).getName(), table.entity());
        }
        Map<Class<?>, List<ComponentExportRepresentation>> ordered = new LinkedHashMap<>();
        TABLES.forEach(t -> ordered.put(t.entity(), new ArrayList<>()));
        for (ComponentExportRepresentation row : rows) {
            String entity = row.getConfig() == null ? null : row.getConfig().getFirst(ENTITY);
            Class<?> type = byName.get(entity);
            if (type == null) {
                throw DeclaredTeams.refused("row '" + row.getName() + "'", "unknown entity '" + entity + "'");
            }
            ordered.get(type).add(row);
        }
        int count = 0;
        List<Object> batch = new ArrayList<>();
        for (Map.Entry<Class<?>, List<ComponentExportRepresentation>> e : ordered.entrySet()) {
            EntityType<?> type = em.getMetamodel().entity(e.getKey());
            for (ComponentExportRepresentation row : e.getValue()) {
                Object entity = entity(em, type, row, realmId);
                em.persist(entity);
                batch.add(entity);
                count++;
                if (batch.size() == PAGE) {
                    flushAndForget(em, batch);
                }
            }
            flushAndForget(em, batch); // children of the next table refer to these
        }
        return count;
    }

    /**
     * Writes the batch and detaches only its rows: the import's persistence context also holds Keycloak's own
     * entities, which must stay managed.
     */
    private static void flushAndForget(EntityManager em, List<Object> batch) {
        em.flush();
        batch.forEach(em::detach);
        batch.clear();
    }

    private static Object entity(EntityManager em, EntityType<?> type, ComponentExportRepresentation row, String realmId) {
        String where = "row '" + row.getName() + "'";
        Object entity;
        try {
            entity = type.getJavaType().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
        Map<String, SingularAttribute<?, ?>> attributes = new LinkedHashMap<>();
        type.getSingularAttributes().forEach(a -> attributes.put(a.getName(), a));
        for (Map.Entry<String, List<String>> entry : row.getConfig().entrySet()) {
            if (entry.getKey().equals(ENTITY)) {
                continue;
            }
            SingularAttribute<?, ?> attribute = attributes.get(entry.getKey());
            if (attribute == null || entry.getValue() == null || entry.getValue().size() != 1) {
                throw DeclaredTeams.refused(where, "unknown attribute or not one value: '" + entry.getKey() + "'");
            }
            String text = entry.getValue().get(0);
            Object value;
            try {
                value = attribute.isAssociation() ? em.getReference(attribute.getJavaType(), text)
                        : "realmId".equals(attribute.getName()) ? realmId : parse(attribute.getJavaType(), text);
            } catch (IllegalArgumentException e) {
                throw DeclaredTeams.refused(where, "'" + entry.getKey() + "': " + e.getMessage());
            }
            write(entity, attribute, value);
        }
        if (entity instanceof OutboxEntity outbox && OutboxEntity.IN_FLIGHT.equals(outbox.getState())) {
            outbox.setState(OutboxEntity.PENDING);
            outbox.setLeaseOwner(null);
            outbox.setLeaseUntil(null);
            outbox.setNextAttemptAt(System.currentTimeMillis());
        }
        return entity;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<?> type, String text) {
        if (type == String.class) {
            return text;
        }
        if (type == long.class || type == Long.class) {
            return Long.parseLong(text);
        }
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(text);
        }
        if (type == boolean.class || type == Boolean.class) {
            if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException("not a boolean: " + text);
            }
            return Boolean.parseBoolean(text);
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, text);
        }
        throw new IllegalArgumentException("unsupported type " + type.getSimpleName());
    }

    // getters and setters rather than fields: Hibernate may enhance the entities (lazy references)

    private static Object read(Object entity, SingularAttribute<?, ?> attribute) {
        Class<?> type = attribute.getJavaType();
        String name = Character.toUpperCase(attribute.getName().charAt(0)) + attribute.getName().substring(1);
        try {
            Method getter;
            try {
                getter = entity.getClass().getMethod("get" + name);
            } catch (NoSuchMethodException e) {
                if (type != boolean.class && type != Boolean.class) {
                    throw e;
                }
                getter = entity.getClass().getMethod("is" + name);
            }
            return getter.invoke(entity);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + attribute.getName() + " of " + entity.getClass().getSimpleName(), e);
        }
    }

    /** The setter, or the field of an attribute that has none (one its entity derives, such as a normal form). */
    private static void write(Object entity, SingularAttribute<?, ?> attribute, Object value) {
        String name = "set" + Character.toUpperCase(attribute.getName().charAt(0)) + attribute.getName().substring(1);
        try {
            Method setter;
            try {
                setter = entity.getClass().getMethod(name, attribute.getJavaType());
            } catch (NoSuchMethodException e) {
                if (!(attribute.getJavaMember() instanceof Field field)) {
                    throw e;
                }
                field.setAccessible(true);
                field.set(entity, value);
                return;
            }
            setter.invoke(entity, value);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot write " + attribute.getName() + " of " + entity.getClass().getSimpleName(), e);
        }
    }
}
