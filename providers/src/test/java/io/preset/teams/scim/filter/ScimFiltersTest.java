package io.preset.teams.scim.filter;

import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import io.preset.teams.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScimFiltersTest {

    @Test
    void parsesOktaFilter() {
        Filter f = ScimFilters.parse("userName eq \"a@b.c\"");
        assertEquals(FilterType.EQUAL, f.getFilterType());
        assertEquals("userName", f.getAttributePath().getElement(0).getAttribute());
        assertEquals("a@b.c", f.getComparisonValue().textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"userName EQ \"x\"", "userName Eq \"x\"", "USERNAME eq \"x\"", "  userName   eq  \"x\"  "})
    void operatorsAndNamesInAnyCase(String filter) {
        Filter f = ScimFilters.parse(filter);
        assertEquals(FilterType.EQUAL, f.getFilterType());
        assertTrue(f.getAttributePath().getElement(0).getAttribute().equalsIgnoreCase("userName"));
    }

    @Test
    void combinersInAnyCase() {
        assertEquals(FilterType.AND, ScimFilters.parse("title pr AnD active eq true").getFilterType());
        assertEquals(FilterType.OR, ScimFilters.parse("title pr OR active eq true").getFilterType());
        assertEquals(FilterType.NOT, ScimFilters.parse("NOT (title pr)").getFilterType());
    }

    @Test
    void urnQualifiedAttributes() {
        Filter f = ScimFilters.parse("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"X\"");
        assertEquals("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", f.getAttributePath().getSchemaUrn());
        assertEquals("department", f.getAttributePath().getElement(0).getAttribute());

        f = ScimFilters.parse("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"");
        assertEquals("urn:ietf:params:scim:schemas:core:2.0:User", f.getAttributePath().getSchemaUrn());
        assertEquals("userName", f.getAttributePath().getElement(0).getAttribute());
    }

    @Test
    void entraUnquotedValues() {
        Filter f = ScimFilters.parse("externalId eq 1234abcd-5678");
        assertEquals(FilterType.EQUAL, f.getFilterType());
        assertEquals("1234abcd-5678", f.getComparisonValue().textValue());

        f = ScimFilters.parse("userName eq alice@example.com");
        assertEquals("alice@example.com", f.getComparisonValue().textValue());

        f = ScimFilters.parse("urn:ietf:params:scim:schemas:core:2.0:User:userName NE a\\b");
        assertEquals(FilterType.NOT_EQUAL, f.getFilterType());
        assertEquals("a\\b", f.getComparisonValue().textValue());

        f = ScimFilters.parse("emails.value co @example.com");
        assertEquals(FilterType.CONTAINS, f.getFilterType());
        assertEquals("@example.com", f.getComparisonValue().textValue());

        f = ScimFilters.parse("externalId sw 00123");
        assertEquals("00123", f.getComparisonValue().textValue());
    }

    @Test
    void valuePathWithSubAttributeBecomesAValueFilter() {
        Filter f = ScimFilters.parse("emails[type eq \"work\"].value eq \"a@b.c\"");
        assertEquals(FilterType.COMPLEX_VALUE, f.getFilterType());
        assertEquals("emails[(type eq \"work\" and value eq \"a@b.c\")]", f.toString());

        f = ScimFilters.parse("addresses[type eq \"work\" or primary eq true].locality PR");
        assertEquals("addresses[((type eq \"work\" or primary eq true) and locality pr)]", f.toString());

        f = ScimFilters.parse("emails[type eq \"work\"].value eq alice@example.com");
        assertEquals("emails[(type eq \"work\" and value eq \"alice@example.com\")]", f.toString());
    }

    @Test
    void bareBooleansAndNullInAnyCase() {
        Filter f = ScimFilters.parse("active eq True");
        assertTrue(f.getComparisonValue().isBoolean());
        assertTrue(f.getComparisonValue().booleanValue());
        assertTrue(ScimFilters.parse("title eq NULL").getComparisonValue().isNull());
    }

    @Test
    void numbersStayNumbersWhenStrict() {
        assertTrue(ScimFilters.parse("externalId eq 1234").getComparisonValue().isNumber());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "userName eq alice@example.com and title pr", // unquoted only for a single expression
            "userName gt alice",                          // only eq/ne/co/sw/ew
            "userName eq \"unterminated",
            "userName xx \"a\"",
            "userName",
            "userName eq",
            "title eq \"x\" extra",
            "(title pr",
            "title pr)",
            "not title pr",
            "title eq [1]",
            "title eq {\"a\":1}",
            "title eq 'x' or title pr",
            "emails[type eq \"work\"].value eq \"x\" and title pr", // attr[..].sub only alone
            "emails[type eq \"work\"].value",
            "emails[value[type eq \"x\"] eq \"a\"]",
    })
    void malformedFiltersAreInvalidFilter(String filter) {
        ScimException e = assertThrows(ScimException.class, () -> ScimFilters.parse(filter));
        assertEquals("invalidFilter", e.scimType());
        assertEquals(400, e.status());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void emptyFilterIsInvalid() {
        assertEquals("invalidFilter", assertThrows(ScimException.class, () -> ScimFilters.parse(null)).scimType());
        assertEquals("invalidFilter", assertThrows(ScimException.class, () -> ScimFilters.parse("  ")).scimType());
    }

    @Test
    void tooLong() {
        String ok = "title eq \"" + "x".repeat(ScimFilters.MAX_LENGTH - 11) + "\"";
        assertEquals(ScimFilters.MAX_LENGTH, ok.length());
        ScimFilters.parse(ok);
        ScimException e = assertThrows(ScimException.class, () -> ScimFilters.parse(ok + " "));
        assertEquals("invalidFilter", e.scimType());
        assertTrue(e.getMessage().contains("longer than 4096"), e.getMessage());
    }

    @Test
    void tooDeep() {
        ScimFilters.parse(nested(ScimFilters.MAX_DEPTH));
        ScimException e = assertThrows(ScimException.class, () -> ScimFilters.parse(nested(ScimFilters.MAX_DEPTH + 1)));
        assertEquals("invalidFilter", e.scimType());
        assertTrue(e.getMessage().contains("nested deeper than 32"), e.getMessage());
        // not() nesting counts too
        String nots = "not (".repeat(40) + "title pr" + ")".repeat(40);
        assertEquals("invalidFilter", assertThrows(ScimException.class, () -> ScimFilters.parse(nots)).scimType());
        // a hostile pile of parentheses is rejected before parsing
        String pile = "(".repeat(4000);
        assertEquals("invalidFilter", assertThrows(ScimException.class, () -> ScimFilters.parse(pile)).scimType());
    }

    @Test
    void hostileInputIsRejectedCheaply() {
        List<String> hostile = List.of(
                "a" + " ".repeat(4000) + "eq" + " ".repeat(80) + "x y",
                "a[" + "x".repeat(4000) + "].b eq",
                "emails[type eq \"work\"].value eq \"" + "\\\"".repeat(1300),
                "emails[type eq \"work\"].value eq \"" + "\\\\".repeat(1300) + "\" x",
                "emails[type eq \"work\"].value eq " + " ".repeat(4000) + "x y",
                "title eq \"" + "\\u0041".repeat(600),
                ("title pr and ").repeat(300) + "x",
                "[".repeat(33) + "x");
        long start = System.nanoTime();
        for (String filter : hostile) {
            assertEquals("invalidFilter", assertThrows(ScimException.class, () -> ScimFilters.parse(filter)).scimType());
        }
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    @Test
    void parenthesesInsideStringsDoNotCount() {
        ScimFilters.parse("title eq \"" + "(".repeat(100) + "\\\"[[[" + "\"");
    }

    @Test
    void tooManyTerms() {
        String ok = String.join(" or ", java.util.Collections.nCopies(ScimFilters.MAX_TERMS, "id pr"));
        ScimFilters.parse(ok);
        ScimException e = assertThrows(ScimException.class, () -> ScimFilters.parse(ok + " or id pr"));
        assertEquals("invalidFilter", e.scimType());
    }

    private static String nested(int depth) {
        return "(".repeat(depth) + "title pr" + ")".repeat(depth);
    }
}
