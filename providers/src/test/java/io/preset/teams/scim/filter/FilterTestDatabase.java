package io.preset.teams.scim.filter;

import io.preset.teams.scim.user.ScimAccountEntity;
import io.preset.teams.scim.user.ScimValueEntity;
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
 * never be listed.
 */
final class FilterTestDatabase implements AutoCloseable {

    private static final String QUERY = "select m, u, a from MemberEntity m join UserEntity u on u.id = m.userId "
            + "left join ScimAccountEntity a on a.userId = m.userId where m.team = :team and (%s) order by %s";

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
                ScimAccountEntity.class, ScimValueEntity.class)) {
            cfg.addAnnotatedClass(c);
        }
        sessions = cfg.buildSessionFactory();
        sessions.inTransaction(s -> {
            team = team("t1");
            TeamEntity other = team("t2");
            s.persist(team);
            s.persist(other);

            user(s, "alice", "alice@example.com", "Alice", "Smith", "alice@example.com");
            member(s, team, "alice", "ext-1", true, 1000, 5000);
            account(s, "alice", "alice s");
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
            member(s, team, "bob", null, false, 2000, 2000);
            value(s, "bob", "title", 0, "-", "50%_off!");
            value(s, "bob", "emails", 0, "value", "bob@work.com");
            value(s, "bob", "emails", 0, "type", "home");
            value(s, "bob", "emails", 1, "value", "bob@x.com");
            value(s, "bob", "emails", 1, "type", "work");

            user(s, "carol", "carol", "Carol", "Jones", "carol@x.com");
            member(s, team, "carol", "1234abcd-5678", true, 3000, 6000);

            // another team's member matching almost everything: never listed
            user(s, "dave", "dave", "Alice", "Smith", "dave@x.com");
            member(s, other, "dave", "ext-1", true, 500, 500);
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
        return sessions.fromTransaction(s -> where.bind(s.createQuery(String.format(QUERY, where.jpql(), orderBy),
                        Object[].class))
                .setParameter("team", s.getReference(TeamEntity.class, team.getId()))
                .getResultList().stream()
                .map(row -> ((UserEntity) row[1]).getId())
                .toList());
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

    private static void member(Session s, TeamEntity t, String userId, String externalId, boolean active,
                               long createdAt, long lastModified) {
        MemberEntity m = new MemberEntity();
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

    private static void account(Session s, String userId, String displayName) {
        ScimAccountEntity a = new ScimAccountEntity();
        a.setUserId(userId);
        a.setRealmId("realm");
        a.setUserName(userId);
        a.setDisplayName(displayName);
        s.persist(a);
    }

    private void value(Session s, String userId, String attr, int idx, String sub, String valueNorm) {
        ScimValueEntity v = new ScimValueEntity();
        v.setId("v" + ids.incrementAndGet());
        v.setUserId(userId);
        v.setAttr(attr);
        v.setIdx(idx);
        v.setSub(sub);
        v.setValueNorm(valueNorm);
        s.persist(v);
    }
}
