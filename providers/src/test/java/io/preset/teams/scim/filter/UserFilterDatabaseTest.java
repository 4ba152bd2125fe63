package io.preset.teams.scim.filter;

import io.preset.teams.scim.user.ScimAccountEntity;
import io.preset.teams.scim.user.ScimValueEntity;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamRole;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.models.jpa.entities.CredentialEntity;
import org.keycloak.models.jpa.entities.FederatedIdentityEntity;
import org.keycloak.models.jpa.entities.UserAttributeEntity;
import org.keycloak.models.jpa.entities.UserEntity;
import org.keycloak.models.jpa.entities.UserRequiredActionEntity;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs translated filters and sort orders against H2 through Hibernate with the real entities
 * (Keycloak's UserEntity included), checking which members match.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserFilterDatabaseTest {

    private static final String QUERY = "select m, u, a from MemberEntity m join UserEntity u on u.id = m.userId "
            + "left join ScimAccountEntity a on a.userId = m.userId where m.team = :team and (%s) order by %s";

    private final UserFilterTranslator translator = new UserFilterTranslator();
    private final AtomicInteger ids = new AtomicInteger();
    private SessionFactory sessions;
    private TeamEntity team;

    @BeforeAll
    void setUp() {
        Configuration cfg = new Configuration()
                .setProperty("hibernate.connection.url", "jdbc:h2:mem:scimfilter;DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE")
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

    @AfterAll
    void tearDown() {
        if (sessions != null) {
            sessions.close();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "userName eq \"ALICE@example.com\"                 | alice",
            "userName sw \"b\"                                 | bob",
            "userName gt \"b\"                                 | bob carol",
            "id eq \"bob\"                                     | bob",
            "externalId eq \"ext-1\"                           | alice",
            "externalId ne \"ext-1\"                           | bob carol",
            "not (externalId eq \"ext-1\")                     | bob carol",
            "externalId eq 1234abcd-5678                       | carol",
            "externalId pr                                     | alice carol",
            "externalId eq null                                | bob",
            "title co \"ENGINEER\"                             | alice",
            "title co \"%\"                                    | bob",
            "title co \"_\"                                    | bob",
            "title co \"!\"                                    | bob",
            "title sw \"50%_\"                                 | bob",
            "title ew \"F!\"                                   | bob",
            "title ne \"Senior Engineer\"                      | bob carol",
            "title pr                                          | alice bob",
            "title eq null                                     | carol",
            "not (title pr)                                    | carol",
            "title lt \"c\"                                    | bob",
            "active eq false                                   | bob",
            "active ne false                                   | alice carol",
            "active pr                                         | alice bob carol",
            "meta.created gt \"1970-01-01T00:00:01Z\"          | bob carol",
            "meta.created ge \"1970-01-01T00:00:01Z\"          | alice bob carol",
            "meta.created eq \"1970-01-01T00:00:02Z\"          | bob",
            "meta.created ne \"1970-01-01T01:00:02+01:00\"     | alice carol",
            "meta.lastModified le \"1970-01-01T00:00:05.0005Z\" | alice bob",
            "meta.lastModified lt \"1970-01-01T00:00:05Z\"     | bob",
            "meta.resourceType eq \"User\" and active eq true  | alice carol",
            "meta.resourceType eq \"Group\"                    | ''",
            "name.givenName eq \"ALICE\"                       | alice",
            "name.familyName ne \"smith\"                      | bob carol",
            "name.familyName pr                                | alice carol",
            "name pr                                           | alice bob carol",
            "emails co \"@X.com\"                              | bob carol",
            "emails eq \"alice@home.org\"                      | alice",
            "emails.value ne \"carol@x.com\"                   | alice bob",
            "emails pr                                         | alice bob carol",
            "emails eq null                                    | ''",
            "emails.type eq \"home\"                           | alice bob",
            "emails.primary eq true                            | alice",
            "emails[type eq \"work\" and value co \"@x.com\"]  | bob",
            "emails[type eq \"home\" and value co \"bob@work\"] | bob",
            "emails[type eq \"work\" and value co \"bob@work\"] | ''",
            "emails[primary eq true]                           | alice",
            "emails[type eq \"work\"].value ew \"@X.COM\"      | bob",
            "emails[type eq \"home\"].value eq alice@home.org  | alice",
            "emails[not (type eq \"work\")]                    | alice bob",
            "emails[type eq \"home\" or primary pr]            | alice bob",
            "name[givenName sw \"a\" or familyName eq \"jones\"] | alice carol",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"R&D\" | alice",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"carol\" | carol",
            "userName eq \"bob\" or name.givenName sw \"car\"  | bob carol",
            "title pr and not (active eq true)                 | bob",
            "phoneNumbers pr                                   | ''",
            "not (phoneNumbers pr) and not (name.familyName pr) | bob",
    })
    void filters(String filter, String expected) {
        JpqlWhere where = translator.translate(filter);
        assertEquals(expected.isBlank() ? List.of() : Arrays.asList(expected.split(" ")),
                run(where, UserSortOrder.DEFAULT), filter + " -> " + where);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "''               | ''           | alice bob carol",
            "userName         | descending   | carol bob alice",
            "name.familyName  | ascending    | carol alice bob",
            "name.familyName  | DESCENDING   | bob alice carol",
            "name.givenName   | ''           | alice bob carol",
            "externalId       | ascending    | carol alice bob",
            "emails           | descending   | bob carol alice",
            "displayName      | ascending    | alice bob carol",
            "meta.created     | descending   | carol bob alice",
            "meta.lastModified | ascending   | bob alice carol",
            "active           | ascending    | bob alice carol",
            "id               | descending   | carol bob alice",
    })
    void sorts(String sortBy, String sortOrder, String expected) {
        assertEquals(Arrays.asList(expected.split(" ")),
                run(JpqlWhere.all(), UserSortOrder.orderBy(sortBy, sortOrder)));
    }

    @Test
    void filterAndSortTogether() {
        assertEquals(List.of("carol", "alice"), run(translator.translate("active eq true"),
                UserSortOrder.orderBy("urn:ietf:params:scim:schemas:core:2.0:User:name.familyName", null)));
    }

    private List<String> run(JpqlWhere where, String orderBy) {
        return sessions.fromTransaction(s -> where.bind(s.createQuery(String.format(QUERY, where.jpql(), orderBy),
                        Object[].class))
                .setParameter("team", s.getReference(TeamEntity.class, team.getId()))
                .getResultList().stream()
                .map(row -> ((UserEntity) row[1]).getId())
                .toList());
    }

    private TeamEntity team(String slug) {
        TeamEntity t = new TeamEntity();
        t.setId(slug);
        t.setRealmId("realm");
        t.setSlug(slug);
        t.setTitle(slug);
        return t;
    }

    private void user(org.hibernate.Session s, String id, String username, String first, String last, String email) {
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

    private void member(org.hibernate.Session s, TeamEntity t, String userId, String externalId, boolean active,
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

    private void account(org.hibernate.Session s, String userId, String displayName) {
        ScimAccountEntity a = new ScimAccountEntity();
        a.setUserId(userId);
        a.setRealmId("realm");
        a.setUserName(userId);
        a.setDisplayName(displayName);
        s.persist(a);
    }

    private void value(org.hibernate.Session s, String userId, String attr, int idx, String sub, String valueNorm) {
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
