package io.preset.teams.scim.user;

import io.preset.teams.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserSortOrderTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL              | NULL       | m.createdAt, m.id",
            "''                | descending | m.createdAt, m.id",
            "id                | NULL       | m.userId asc, m.createdAt, m.id",
            "externalId        | ascending  | m.externalId asc nulls last, m.createdAt, m.id",
            "externalId        | descending | m.externalId desc nulls first, m.createdAt, m.id",
            "userName          | Descending | m.userNameNorm desc nulls first, m.createdAt, m.id",
            "USERNAME          | ASCENDING  | m.userNameNorm asc nulls last, m.createdAt, m.id",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName | '' | m.userNameNorm asc nulls last, m.createdAt, m.id",
            "name.givenName    | NULL       | s.valueNorm asc nulls last, m.createdAt, m.id",
            "name.familyName   | descending | s.valueNorm desc nulls first, m.createdAt, m.id",
            "emails            | NULL       | s.valueNorm asc nulls last, m.createdAt, m.id",
            "emails.value      | NULL       | s.valueNorm asc nulls last, m.createdAt, m.id",
            "displayName       | NULL       | m.displayName asc nulls last, m.createdAt, m.id",
            "meta.created      | descending | m.createdAt desc, m.id",
            "meta.lastModified | NULL       | m.lastModified asc, m.createdAt, m.id",
            "active            | NULL       | case when m.pending = true then m.requestedActive else m.active end asc, m.createdAt, m.id",
    })
    void orders(String sortBy, String sortOrder, String expected) {
        assertEquals(expected, UserSortOrder.orderBy(sortBy, sortOrder));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "title            | ascending | Sorting by title is not supported",
            "name             | ascending | Sorting by name is not supported",
            "emails.type      | ascending | Sorting by emails.type is not supported",
            "groups           | ascending | Sorting by groups is not supported",
            "password         | ascending | Sorting by password is not supported",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department | ascending | is not supported",
            "foo              | ascending | Unknown sortBy attribute foo",
            "name.foo         | ascending | Unknown sortBy attribute name.foo",
            "emails[type eq \"work\"].value | ascending | Unknown sortBy attribute",
            "a.b.c            | ascending | Unknown sortBy attribute",
            "userName         | up        | sortOrder must be",
            "''               | sideways  | sortOrder must be",
    })
    void rejects(String sortBy, String sortOrder, String message) {
        ScimException e = assertThrows(ScimException.class, () -> UserSortOrder.orderBy(sortBy, sortOrder));
        assertEquals("invalidValue", e.scimType());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void hostileSortByIsCheap() {
        ScimException e = assertThrows(ScimException.class, () -> UserSortOrder.orderBy("a".repeat(100_000), null));
        assertEquals("invalidValue", e.scimType());
    }
}
