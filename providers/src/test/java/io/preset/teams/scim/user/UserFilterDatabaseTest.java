package io.preset.teams.scim.user;

import io.preset.teams.scim.filter.JpqlWhere;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs translated filters and sort orders against H2 through Hibernate with the real entities
 * (Keycloak's UserEntity included), checking which members match; the data set is {@link FilterTestDatabase}'s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserFilterDatabaseTest {

    private final UserFilterTranslator translator = new UserFilterTranslator();
    private FilterTestDatabase db;

    @BeforeAll
    void setUp() {
        db = new FilterTestDatabase("scimfilter");
    }

    @AfterAll
    void tearDown() {
        if (db != null) {
            db.close();
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
            "emails[type eq \"work\" and value co \"@x.com\"]  | bob carol",
            "emails[type eq \"home\" and value co \"bob@work\"] | bob",
            "emails[type eq \"work\" and value co \"bob@work\"] | ''",
            "emails[primary eq true]                           | alice",
            "emails[type eq \"work\"].value ew \"@X.COM\"      | bob carol",
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
            "emails           | descending   | carol bob alice",
            "displayName      | ascending    | alice bob carol",
            "meta.created     | descending   | carol bob alice",
            "meta.lastModified | ascending   | bob alice carol",
            "active           | ascending    | bob alice carol",
            "id               | descending   | carol bob alice",
    })
    void sorts(String sortBy, String sortOrder, String expected) {
        assertEquals(Arrays.asList(expected.split(" ")),
                db.run(JpqlWhere.all(), UserSortOrder.of(sortBy, sortOrder)));
    }

    @Test
    void filterAndSortTogether() {
        assertEquals(List.of("carol", "alice"), db.run(translator.translate("active eq true"),
                UserSortOrder.of("urn:ietf:params:scim:schemas:core:2.0:User:name.familyName", null)));
    }

    private List<String> run(JpqlWhere where, String orderBy) {
        return db.run(where, orderBy);
    }
}
