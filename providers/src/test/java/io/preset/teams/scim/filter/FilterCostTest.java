package io.preset.teams.scim.filter;

import io.preset.teams.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost model of list filters: what Okta and Entra send is cheap, the hostile shapes of issue #15 are refused. */
class FilterCostTest {

    @ParameterizedTest(name = "{0} costs {1}")
    @CsvSource(delimiter = '|', value = {
            // Okta's and Entra's lookups
            "userName eq \"ann@acme.test\"                                | 1",
            "externalId eq \"00u1\"                                       | 1",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"a\" | 1",
            "emails eq \"ann@acme.test\"                                  | 2",
            "emails[type eq \"work\"].value eq \"ann@acme.test\"          | 9",
            "emails[type eq \"work\" and value eq \"ann@acme.test\"]      | 9",
            "userName sw \"ann\"                                          | 1",
            "title sw \"eng\"                                             | 3",
            "userName co \"nn\"                                           | 4",
            "title co \"eng\"                                             | 10",
            "emails[type eq \"work\" and value co \"%%%_\"]               | 17",
            "not (title pr)                                               | 5",
            "meta.lastModified gt \"2026-01-01T00:00:00Z\"                | 1",
            "title gt \"a\"                                               | 4",
    })
    void users(String filter, int cost) {
        assertEquals(cost, FilterCost.USERS.of(ScimFilters.parse(filter)));
    }

    @Test
    void groupsWeighMembersAsIndexRows() {
        assertEquals(1, FilterCost.GROUPS.of(ScimFilters.parse("displayName eq \"Admins\"")));
        assertEquals(2, FilterCost.GROUPS.of(ScimFilters.parse("members eq \"u1\"")));
        assertEquals(7, FilterCost.GROUPS.of(ScimFilters.parse("members[value eq \"u1\"]")));
    }

    @Test
    void eightValuePathContainsTermsAreRefusedWithTheReason() {
        String one = "emails[type eq \"work\" and value co \"%%%_\"]";
        String eight = String.join(" or ", Collections.nCopies(8, one));
        ScimException e = assertThrows(ScimException.class, () -> FilterCost.USERS.check(ScimFilters.parse(eight)));
        assertEquals(400, e.status());
        assertEquals("invalidFilter", e.scimType());
        assertTrue(e.getMessage().contains("weighs 136, the limit is 100"), e.getMessage());
        assertDoesNotThrow(() -> FilterCost.USERS.check(ScimFilters.parse(one)));
    }

    @Test
    void fiftyContainsTermsAreRefusedButFiftyEqualsPass() {
        String co = String.join(" or ", Collections.nCopies(50, "title co \"x\""));
        assertThrows(ScimException.class, () -> FilterCost.USERS.check(ScimFilters.parse(co)));
        String eq = String.join(" or ", Collections.nCopies(50, "emails eq \"a@b.test\""));
        assertDoesNotThrow(() -> FilterCost.USERS.check(ScimFilters.parse(eq)));
    }

    @Test
    void aBudgetOfZeroTurnsTheCheckOff() {
        String co = String.join(" or ", Collections.nCopies(20, "title co \"x\""));
        try {
            FilterCost.configure(0);
            assertDoesNotThrow(() -> FilterCost.USERS.check(ScimFilters.parse(co)));
        } finally {
            FilterCost.configure(FilterCost.DEFAULT_BUDGET);
        }
    }
}
