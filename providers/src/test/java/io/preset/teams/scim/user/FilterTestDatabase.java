package io.preset.teams.scim.user;

import io.preset.teams.scim.filter.JpqlWhere;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamRole;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.keycloak.models.jpa.entities.CredentialEntity;
import org.keycloak.models.jpa.entities.FederatedIdentityEntity;
import org.keycloak.models.jpa.entities.UserAttributeEntity;
import org.keycloak.models.jpa.entities.UserEntity;
import org.keycloak.models.jpa.entities.UserRequiredActionEntity;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shared fixture of the database filter tests: Hibernate on an in-memory H2 database with the
 * real entities (Keycloak's UserEntity included) and a small data set. Members of team {@code t1}:
 * alice, bob, carol; dave belongs to team {@code t2} and matches almost everything, so he must
 * never be listed. Keycloak's own user fields of alice say "Zed Zulu" / zed@elsewhere.test: filters run on the
 * team's own view (membership and index rows), so they must never match those.
 */
final class FilterTestDatabase implements AutoCloseable {

    private static final String QUERY = "select m.userId from MemberEntity m%s where m.team = :team and (%s) order by %s";

    private final AtomicInteger ids = new AtomicInteger();
    private final SessionFactory sessions;
    private TeamEntity team;

    /** Boots Hibernate on {@code jdbc:h2:mem:<name>} (one name per test class) and inserts the data set. */
    FilterTestDatabase(String name) {
        Configuration cfg = new Configuration()
                .setProperty("hibernate.connection.url", "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE")
                .setProperty("hibernate.connection.username", "sa")
                .setProperty("hibernate.connection.password", "")
                .setProperty("hibernate.hbm2ddl.auto", "create-drop")
                .setProperty("hibernate.connection.pool_size", "2");
        for (Class<?> c : List.of(UserEntity.class, UserAttributeEntity.class, UserRequiredActionEntity.class,
                CredentialEntity.class, FederatedIdentityEntity.class, TeamEntity.class, MemberEntity.class,
                ScimValueEntity.class)) {
            cfg.addAnnotatedClass(c);
        }
        sessions = cfg.buildSessionFactory();
        sessions.inTransaction(s -> {
            team = team("t1");
            TeamEntity other = team("t2");
            s.persist(team);
            s.persist(other);

            user(s, "alice", "zed@elsewhere.test", "Zed", "Zulu", "zed@elsewhere.test");
            member(s, team, "alice", "alice@example.com", "alice s", "ext-1", true, 1000, 5000);
            value(s, "alice", "name", 0, "givenName", "alice");
            value(s, "alice", "name", 0, "familyName", "smith");
            // the profile's displayName is indexed too (as ScimUserStore.writeProfile does)
            value(s, "alice", "displayName", 0, "-", "alice s");
            value(s, "alice", "title", 0, "-", "senior engineer");
            value(s, "alice", "emails", 0, "value", "alice@example.com");
            value(s, "alice", "emails", 0, "type", "work");
            value(s, "alice", "emails", 0, "primary", "true");
            value(s, "alice", "emails", 1, "value", "alice@home.org");
            value(s, "alice", "emails", 1, "type", "home");
            value(s, "alice", "enterprise:department", 0, "-", "r&d");

            user(s, "bob", "bob", "Bob", null, null);
            member(s, team, "bob", "bob", null, null, false, 2000, 2000);
            value(s, "bob", "name", 0, "givenName", "bob");
            value(s, "bob", "title", 0, "-", "50%_off!");
            value(s, "bob", "emails", 0, "value", "bob@work.com");
            value(s, "bob", "emails", 0, "type", "home");
            value(s, "bob", "emails", 1, "value", "bob@x.com");
            value(s, "bob", "emails", 1, "type", "work");

            user(s, "carol", "carol", "Carol", "Jones", "carol@x.com");
            member(s, team, "carol", "carol", null, "1234abcd-5678", true, 3000, 6000);
            value(s, "carol", "name", 0, "givenName", "carol");
            value(s, "carol", "name", 0, "familyName", "jones");
            value(s, "carol", "emails", 0, "value", "carol@x.com");
            value(s, "carol", "emails", 0, "type", "work");

            // another team's member matching almost everything: never listed
            user(s, "dave", "dave", "Alice", "Smith", "dave@x.com");
            member(s, other, "dave", "dave", "alice s", "ext-1", true, 500, 500);
            value(s, "dave", "name", 0, "givenName", "alice");
            value(s, "dave", "name", 0, "familyName", "smith");
            value(s, "dave", "title", 0, "-", "senior engineer");
            value(s, "dave", "emails", 0, "value", "dave@x.com");
            value(s, "dave", "emails", 0, "type", "work");
        });
    }

    @Override
    public void close() {
        sessions.close();
    }

    /** The ids of team t1's members matching {@code where}, in {@code orderBy} order. */
    List<String> run(JpqlWhere where, String orderBy) {
        return run(where, new UserSortOrder.Order("", orderBy));
    }

    List<String> run(JpqlWhere where, UserSortOrder.Order order) {
        return sessions.fromTransaction(s -> bind(where, s.createQuery(
                        String.format(QUERY, order.join(), where.jpql(), order.orderBy()), String.class))
                .setParameter("team", s.getReference(TeamEntity.class, team.getId()))
                .getResultList());
    }

    private static <Q extends org.hibernate.query.Query<?>> Q bind(JpqlWhere where, Q query) {
        where.params().forEach(query::setParameter);
        return query;
    }

    private static TeamEntity team(String slug) {
        TeamEntity t = new TeamEntity();
        t.setId(slug);
        t.setRealmId("realm");
        t.setSlug(slug);
        t.setTitle(slug);
        return t;
    }

    private static void user(Session s, String id, String username, String first, String last, String email) {
        UserEntity u = new UserEntity();
        u.setId(id);
        u.setRealmId("realm");
        u.setUsername(username);
        u.setFirstName(first);
        u.setLastName(last);
        u.setEmail(email, false);
        u.setEnabled(true);
        u.setCreatedTimestamp(0L);
        s.persist(u);
    }

    private static void member(Session s, TeamEntity t, String userId, String userName, String displayName,
                               String externalId, boolean active, long createdAt, long lastModified) {
        MemberEntity m = new MemberEntity();
        m.setUserName(userName);
        m.setDisplayName(displayName);
        m.setId("m-" + userId);
        m.setTeam(t);
        m.setRealmId("realm");
        m.setUserId(userId);
        m.setExternalId(externalId);
        m.setActive(active);
        m.setTeamRole(TeamRole.User);
        m.setCreatedAt(createdAt);
        m.setLastModified(lastModified);
        s.persist(m);
    }

    private void value(Session s, String userId, String attr, int idx, String sub, String valueNorm) {
        ScimValueEntity v = new ScimValueEntity();
        v.setId("v" + ids.incrementAndGet());
        v.setUserId(userId);
        // the member of t1, or dave's of t2
        v.setMemberId("m-" + userId);
        v.setAttr(attr);
        v.setIdx(idx);
        v.setSub(sub);
        v.setValueNorm(valueNorm);
        s.persist(v);
    }
}
