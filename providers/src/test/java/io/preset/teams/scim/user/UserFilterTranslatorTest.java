package io.preset.teams.scim.user;

import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import io.preset.teams.scim.filter.GroupFilterHook;
import io.preset.teams.scim.filter.Jpql;
import io.preset.teams.scim.filter.JpqlWhere;
import io.preset.teams.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserFilterTranslatorTest {

    private static final String TITLE_ROW = "exists (select 1 from ScimValueEntity v0 where v0.memberId = m.id "
            + "and v0.attr = :p0 and v0.sub = :p1 and ";

    private final UserFilterTranslator translator = new UserFilterTranslator();

    private JpqlWhere t(String filter) {
        return translator.translate(filter);
    }

    private static Map<String, Object> params(Object... values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put("p" + i, values[i]);
        }
        return map;
    }

    private static void assertWhere(JpqlWhere actual, String jpql, Object... params) {
        assertEquals(jpql, actual.jpql());
        assertEquals(params(params), actual.params());
    }

    private void assertInvalid(String filter, String messagePart) {
        ScimException e = assertThrows(ScimException.class, () -> t(filter));
        assertEquals("invalidFilter", e.scimType(), e.getMessage());
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(messagePart), "'" + e.getMessage() + "' should contain '" + messagePart + "'");
    }

    // ---- columns --------------------------------------------------------------------------------

    @Test
    void userNameUsesTheTeamsOwnLowerCaseSpellingWithTheLowerCasedValue() {
        String eq = "(m.userNameNorm is not null and m.userNameNorm = :p0)";
        assertWhere(t("userName eq \"Alice@Example.COM\""), eq, "alice@example.com");
        assertWhere(t("USERNAME Eq \"X\""), eq, "x");
        assertWhere(t("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"X\""), eq, "x");
        assertWhere(t("userName ne \"X\""), "(m.userNameNorm is null or m.userNameNorm <> :p0)", "x");
        assertWhere(t("userName co \"X\""), "(m.userNameNorm is not null and m.userNameNorm like :p0 escape '!')", "%x%");
        assertWhere(t("userName sw \"X\""), "(m.userNameNorm is not null and m.userNameNorm like :p0 escape '!')", "x%");
        assertWhere(t("userName ew \"X\""), "(m.userNameNorm is not null and m.userNameNorm like :p0 escape '!')", "%x");
        assertWhere(t("userName gt \"X\""), "(m.userNameNorm is not null and m.userNameNorm > :p0)", "x");
        assertWhere(t("userName ge \"X\""), "(m.userNameNorm is not null and m.userNameNorm >= :p0)", "x");
        assertWhere(t("userName lt \"X\""), "(m.userNameNorm is not null and m.userNameNorm < :p0)", "x");
        assertWhere(t("userName le \"X\""), "(m.userNameNorm is not null and m.userNameNorm <= :p0)", "x");
        assertWhere(t("userName pr"), "(m.userNameNorm is not null and m.userNameNorm <> '')");
        assertWhere(t("userName eq alice@example.com"), eq, "alice@example.com");
    }

    @Test
    void idAndExternalIdAreCaseExact() {
        assertWhere(t("id eq \"AbC\""), "m.userId = :p0", "AbC");
        assertWhere(t("id ne \"AbC\""), "m.userId <> :p0", "AbC");
        assertWhere(t("externalId eq \"AbC\""), "(m.externalId is not null and m.externalId = :p0)", "AbC");
        assertWhere(t("externalId ne \"AbC\""), "(m.externalId is null or m.externalId <> :p0)", "AbC");
        assertWhere(t("externalId sw \"A\""), "(m.externalId is not null and m.externalId like :p0 escape '!')", "A%");
        assertWhere(t("externalId pr"), "(m.externalId is not null and m.externalId <> '')");
        assertWhere(t("externalId eq 1234abcd-5678"), "(m.externalId is not null and m.externalId = :p0)",
                "1234abcd-5678");
        assertWhere(t("externalId eq 1234"), "(m.externalId is not null and m.externalId = :p0)", "1234");
    }

    @Test
    void nullMeansNotPresent() {
        assertWhere(t("externalId eq null"), "not ((m.externalId is not null and m.externalId <> ''))");
        assertWhere(t("externalId ne null"), "(m.externalId is not null and m.externalId <> '')");
        assertWhere(t("title eq null"), "not (" + TITLE_ROW + "v0.valueNorm <> ''))", "title", "-");
        assertInvalid("title co null", "can only be compared with null by eq or ne");
    }

    @Test
    void namesAreRowsOfTheTeamsOwnIndex() {
        String row = "exists (select 1 from ScimValueEntity v0 where v0.memberId = m.id and v0.attr = :p0 and v0.sub = :p1 and ";
        assertWhere(t("name.givenName eq \"Bob\""), row + "v0.valueNorm = :p2)", "name", "givenName", "bob");
        assertWhere(t("name.familyName ne \"X\""), "not " + row + "v0.valueNorm = :p2)", "name", "familyName", "x");
        assertWhere(t("NAME.FAMILYNAME co \"X\""), row + "v0.valueNorm like :p2 escape '!')", "name", "familyName", "%x%");
        assertWhere(t("name.givenName pr"), row + "v0.valueNorm <> '')", "name", "givenName");
        assertWhere(t("name.formatted sw \"Dr\""), row + "v0.valueNorm like :p2 escape '!')", "name", "formatted", "dr%");
        assertWhere(t("name pr"), "exists (select 1 from ScimValueEntity v0 where v0.memberId = m.id and "
                + "v0.attr = :p0 and v0.valueNorm <> '')", "name");
        assertInvalid("name eq \"x\"", "'name' is complex");
    }

    @Test
    void activeIsWhatScimShowsPendingInvitationsIncluded() {
        String eq = "((m.pending = false and m.active = :p0) or (m.pending = true and m.requestedActive = :p0))";
        assertWhere(t("active eq true"), eq, true);
        assertWhere(t("active eq True"), eq, true);
        assertWhere(t("active ne false"), eq.replace("active = ", "active <> ").replace("requestedActive = ", "requestedActive <> "), false);
        assertWhere(t("active pr"), "1 = 1");
        assertInvalid("meta eq \"x\"", "'meta' is complex");
    }

    @Test
    void metaDates() {
        assertWhere(t("meta.created gt \"2024-01-01T00:00:00Z\""), "m.createdAt > :p0", 1704067200000L);
        assertWhere(t("meta.created ge \"2024-01-01T01:00:00+01:00\""), "m.createdAt >= :p0", 1704067200000L);
        assertWhere(t("meta.lastModified lt \"2024-01-01t00:00:00.123z\""), "m.lastModified < :p0", 1704067200123L);
        assertWhere(t("meta.lastModified le \"2024-01-01T00:00:00\""), "m.lastModified <= :p0", 1704067200000L);
        assertWhere(t("meta.created eq \"2024-01-01T00:00:00Z\""), "m.createdAt = :p0", 1704067200000L);
        assertWhere(t("meta.created ne \"2024-01-01T00:00:00Z\""), "m.createdAt <> :p0", 1704067200000L);
        assertWhere(t("meta.created pr"), "1 = 1");
        assertWhere(t("urn:ietf:params:scim:schemas:core:2.0:User:meta.created gt \"2024-01-01T00:00:00Z\""),
                "m.createdAt > :p0", 1704067200000L);
        assertWhere(t("meta[lastModified gt \"2024-01-01T00:00:00Z\"]"), "(m.lastModified > :p0)", 1704067200000L);
    }

    @Test
    void subMillisecondInstantsCompareExactly() {
        String v = "\"2024-01-01T00:00:00.0005Z\"";
        assertWhere(t("meta.created eq " + v), "1 = 0");
        assertWhere(t("meta.created ne " + v), "1 = 1");
        assertWhere(t("meta.created gt " + v), "m.createdAt > :p0", 1704067200000L);
        assertWhere(t("meta.created ge " + v), "m.createdAt > :p0", 1704067200000L);
        assertWhere(t("meta.created lt " + v), "m.createdAt <= :p0", 1704067200000L);
        assertWhere(t("meta.created le " + v), "m.createdAt <= :p0", 1704067200000L);
    }

    @Test
    void badDates() {
        assertInvalid("meta.created gt \"yesterday\"", "RFC 3339");
        assertInvalid("meta.created gt \"2024-13-01T00:00:00Z\"", "RFC 3339");
        assertInvalid("meta.created gt 1704067200000", "dateTime string");
        assertInvalid("meta.created gt true", "dateTime string");
        assertInvalid("meta.lastModified co \"2024\"", "is a dateTime");
        assertInvalid("meta.lastModified sw \"2024\"", "is a dateTime");
        assertInvalid("meta.lastModified ew \"Z\"", "is a dateTime");
        assertInvalid("meta.created gt \"+999999999-12-31T23:59:59Z\"", "out of range");
    }

    @Test
    void metaResourceTypeIsAConstant() {
        assertWhere(t("meta.resourceType eq \"User\""), "1 = 1");
        assertWhere(t("meta.resourceType eq \"user\""), "1 = 0");
        assertWhere(t("meta.resourceType ne \"Group\""), "1 = 1");
        assertWhere(t("meta.resourceType sw \"Us\""), "1 = 1");
        assertWhere(t("meta.resourceType co \"x\""), "1 = 0");
        assertWhere(t("meta.resourceType ew \"er\""), "1 = 1");
        assertWhere(t("meta.resourceType gt \"A\""), "1 = 1");
        assertWhere(t("meta.resourceType lt \"A\""), "1 = 0");
        assertWhere(t("meta pr"), "1 = 1");
    }

    @Test
    void notFilterable() {
        assertInvalid("meta.location eq \"x\"", "'meta.location' is not filterable");
        assertInvalid("meta.version pr", "'meta.version' is not filterable");
        assertInvalid("password eq \"secret\"", "'password' is never filterable");
        assertInvalid("password pr", "'password' is never filterable");
        assertInvalid("meta eq \"x\"", "'meta' is complex");
    }

    // ---- emails ---------------------------------------------------------------------------------

    @Test
    void emailsAreRowsOfTheTeamsOwnIndex() {
        String row = "exists (select 1 from ScimValueEntity v0 where v0.memberId = m.id and v0.attr = :p0 "
                + "and v0.sub = :p1 and ";
        assertWhere(t("emails eq \"A@x.com\""), row + "v0.valueNorm = :p2)", "emails", "value", "a@x.com");
        assertWhere(t("emails.value eq \"A@x.com\""), row + "v0.valueNorm = :p2)", "emails", "value", "a@x.com");
        assertWhere(t("emails ne \"A@x.com\""), "not " + row + "v0.valueNorm = :p2)", "emails", "value", "a@x.com");
        assertWhere(t("emails co \"@X.com\""), row + "v0.valueNorm like :p2 escape '!')", "emails", "value", "%@x.com%");
        assertWhere(t("emails pr"), "exists (select 1 from ScimValueEntity v0 where v0.memberId = m.id and v0.attr = :p0 "
                + "and v0.valueNorm <> '')", "emails");
        assertWhere(t("emails.type eq \"Work\""), row + "v0.valueNorm = :p2)", "emails", "type", "work");
    }

    @Test
    void booleanSubAttributes() {
        String row = "exists (select 1 from ScimValueEntity v0 where v0.memberId = m.id and v0.attr = :p0 "
                + "and v0.sub = :p1 and ";
        assertWhere(t("emails.primary eq true"), row + "v0.valueNorm = :p2)", "emails", "primary", "true");
        assertWhere(t("emails.primary ne true"), "not " + row + "v0.valueNorm = :p2)", "emails", "primary", "true");
        assertWhere(t("addresses.primary pr"), row + "v0.valueNorm <> '')", "addresses", "primary");
        assertInvalid("emails.primary eq \"true\"", "'emails.primary' is a boolean");
        assertInvalid("emails.primary gt false", "'emails.primary' is a boolean");
        assertInvalid("emails.primary co \"t\"", "'emails.primary' is a boolean");
    }

    // ---- value index ----------------------------------------------------------------------------

    @Test
    void everyOperatorOnTheValueIndex() {
        assertWhere(t("title eq \"CEO\""), TITLE_ROW + "v0.valueNorm = :p2)", "title", "-", "ceo");
        assertWhere(t("title ne \"CEO\""), "not " + TITLE_ROW + "v0.valueNorm = :p2)", "title", "-", "ceo");
        assertWhere(t("title co \"CEO\""), TITLE_ROW + "v0.valueNorm like :p2 escape '!')", "title", "-", "%ceo%");
        assertWhere(t("title sw \"CEO\""), TITLE_ROW + "v0.valueNorm like :p2 escape '!')", "title", "-", "ceo%");
        assertWhere(t("title ew \"CEO\""), TITLE_ROW + "v0.valueNorm like :p2 escape '!')", "title", "-", "%ceo");
        assertWhere(t("title gt \"CEO\""), TITLE_ROW + "v0.valueNorm > :p2)", "title", "-", "ceo");
        assertWhere(t("title ge \"CEO\""), TITLE_ROW + "v0.valueNorm >= :p2)", "title", "-", "ceo");
        assertWhere(t("title lt \"CEO\""), TITLE_ROW + "v0.valueNorm < :p2)", "title", "-", "ceo");
        assertWhere(t("title le \"CEO\""), TITLE_ROW + "v0.valueNorm <= :p2)", "title", "-", "ceo");
        assertWhere(t("title pr"), TITLE_ROW + "v0.valueNorm <> '')", "title", "-");
        assertWhere(t("displayName eq 12.5"), TITLE_ROW + "v0.valueNorm = :p2)", "displayName", "-", "12.5");
        assertWhere(t("Title eq true"), TITLE_ROW + "v0.valueNorm = :p2)", "title", "-", "true");
    }

    @Test
    void likeEscapesWildcardsAndTheEscapeCharacter() {
        assertWhere(t("title co \"50%_!x\""), TITLE_ROW + "v0.valueNorm like :p2 escape '!')", "title", "-",
                "%50!%!_!!x%");
        assertEquals("a!%b!_c!!d", Jpql.escapeLike("a%b_c!d"));
        assertEquals("x%", Jpql.likePattern(FilterType.STARTS_WITH, "x"));
    }

    @Test
    void valuesLongerThanTheIndexAreCut() {
        String longValue = "a".repeat(300);
        JpqlWhere w = t("title eq \"" + longValue + "\"");
        assertEquals("a".repeat(255), w.params().get("p2"));
        w = t("title co \"" + longValue + "\"");
        assertEquals("%" + longValue + "%", w.params().get("p2"));
    }

    @Test
    void complexAttributesWithoutSubMeanValue() {
        assertWhere(t("phoneNumbers eq \"+1 555\""), TITLE_ROW + "v0.valueNorm = :p2)", "phoneNumbers", "value",
                "+1 555");
        assertWhere(t("ims pr"), "exists (select 1 from ScimValueEntity v0 where v0.memberId = m.id and v0.attr = :p0 "
                + "and v0.valueNorm <> '')", "ims");
        assertWhere(t("addresses.locality eq \"Paris\""), TITLE_ROW + "v0.valueNorm = :p2)", "addresses", "locality",
                "paris");
        assertInvalid("addresses eq \"x\"", "'addresses' is complex");
    }

    @Test
    void enterpriseAttributes() {
        String urn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";
        assertWhere(t(urn + "department eq \"R&D\""), TITLE_ROW + "v0.valueNorm = :p2)", "enterprise:department", "-",
                "r&d");
        assertWhere(t(urn.toLowerCase() + "DEPARTMENT eq \"X\""), TITLE_ROW + "v0.valueNorm = :p2)",
                "enterprise:department", "-", "x");
        assertWhere(t(urn + "manager eq \"Boss\""), TITLE_ROW + "v0.valueNorm = :p2)", "enterprise:manager", "value",
                "boss");
        assertWhere(t(urn + "manager.displayName sw \"B\""), TITLE_ROW + "v0.valueNorm like :p2 escape '!')",
                "enterprise:manager", "displayName", "b%");
        assertWhere(t(urn + "manager[value eq \"x\"]"), "(" + TITLE_ROW + "v0.valueNorm = :p2))", "enterprise:manager",
                "value", "x");
        assertInvalid(urn + "id eq \"x\"", "Unknown attribute");
        assertInvalid(urn + "userName eq \"x\"", "Unknown attribute");
    }

    // ---- logic ----------------------------------------------------------------------------------

    @Test
    void andOrNotWithParentheses() {
        assertWhere(t("userName eq \"a\" and (title pr or not (active eq false))"),
                "((m.userNameNorm is not null and m.userNameNorm = :p0) and (exists (select 1 from ScimValueEntity v0 "
                        + "where v0.memberId = m.id and v0.attr = :p1 and v0.sub = :p2 and v0.valueNorm <> '') or not "
                        + "(((m.pending = false and m.active = :p3) or (m.pending = true and m.requestedActive = :p3)))))",
                "a", "title", "-", false);
        assertWhere(t("id eq \"1\" or id eq \"2\" or id eq \"3\""),
                "(m.userId = :p0 or m.userId = :p1 or m.userId = :p2)", "1", "2", "3");
        assertWhere(t("id eq \"1\" or id eq \"2\" and active eq true"),
                "(m.userId = :p0 or (m.userId = :p1 and ((m.pending = false and m.active = :p2) or "
                        + "(m.pending = true and m.requestedActive = :p2))))", "1", "2", true);
        assertWhere(t("not (not (id pr))"), "not (not (m.userId <> ''))");
    }

    @Test
    void subqueryAliasesAreUnique() {
        JpqlWhere w = t("title pr and nickName pr");
        assertTrue(w.jpql().contains("ScimValueEntity v0 where") && w.jpql().contains("ScimValueEntity v1 where"),
                w.jpql());
        assertEquals(params("title", "-", "nickName", "-"), w.params());
    }

    // ---- value filters --------------------------------------------------------------------------

    @Test
    void multiValuedValueFilterCorrelatesOneElement() {
        assertWhere(t("emails[type eq \"work\" and value co \"@X.com\"]"),
                // the element is the row its eq names (found by the value index); the rest are rows of that element,
                // joined in the same subquery (not nested: PostgreSQL misestimated the nested form)
                "exists (select 1 from ScimValueEntity v0, ScimValueEntity v1 where v0.memberId = m.id and v0.attr = :p0"
                        + " and (v0.sub = :p1 and v0.valueNorm = :p2) and "
                        + "(v1.memberId = v0.memberId and v1.attr = v0.attr "
                        + "and v1.idx = v0.idx and v1.sub = :p3 and v1.valueNorm like :p4 escape '!'))",
                "emails", "type", "work", "value", "%@x.com%");
        assertWhere(t("emails[not (type eq \"work\")]"),
                "exists (select 1 from ScimValueEntity v0 where v0.memberId = m.id and v0.attr = :p0 and "
                        + "(not (exists (select 1 from ScimValueEntity v1 where v1.memberId = v0.memberId and "
                        + "v1.attr = v0.attr and v1.idx = v0.idx and v1.sub = :p1 and v1.valueNorm = :p2))))",
                "emails", "type", "work");
        assertWhere(t("emails[primary eq true]"),
                "exists (select 1 from ScimValueEntity v0 where v0.memberId = m.id and v0.attr = :p0 and "
                        + "(v0.sub = :p1 and v0.valueNorm = :p2))",
                "emails", "primary", "true");
        assertWhere(t("addresses[type ne \"work\"]"),
                "exists (select 1 from ScimValueEntity v0 where v0.memberId = m.id and v0.attr = :p0 and "
                        + "(not exists (select 1 from ScimValueEntity v1 where v1.memberId = v0.memberId and "
                        + "v1.attr = v0.attr and v1.idx = v0.idx and v1.sub = :p1 and v1.valueNorm = :p2)))",
                "addresses", "type", "work");
    }

    @Test
    void valuePathWithSubAttributeIsOneElement() {
        // the eq on value anchors the element rather than the few-valued type
        assertWhere(t("emails[type eq \"work\"].value eq \"A@x.com\""),
                "exists (select 1 from ScimValueEntity v0, ScimValueEntity v1 where v0.memberId = m.id and v0.attr = :p0"
                        + " and (v0.sub = :p1 and v0.valueNorm = :p2) and "
                        + "(v1.memberId = v0.memberId and v1.attr = v0.attr "
                        + "and v1.idx = v0.idx and v1.sub = :p3 and v1.valueNorm = :p4))",
                "emails", "value", "a@x.com", "type", "work");
    }

    @Test
    void singleValuedValueFilterIsAPlainFilterOnItsSubAttributes() {
        assertWhere(t("name[givenName eq \"A\" and formatted pr]"),
                "((exists (select 1 from ScimValueEntity v0 where v0.memberId = m.id and v0.attr = :p0 and v0.sub = :p1 "
                        + "and v0.valueNorm = :p2) and exists (select 1 from ScimValueEntity v1 where v1.memberId = m.id "
                        + "and v1.attr = :p3 and v1.sub = :p4 and v1.valueNorm <> '')))",
                "name", "givenName", "a", "name", "formatted");
    }

    @Test
    void valueFilterErrors() {
        assertInvalid("emails[foo eq \"x\"]", "Unknown attribute 'emails.foo'");
        assertInvalid("title[value eq \"x\"]", "'title' is not a complex attribute");
        assertInvalid("emails[type eq \"work\"].value[type eq \"x\"] eq \"x\"", "Invalid filter");
        assertInvalid("emails[type eq \"work\"].foo eq \"x\"", "Unknown attribute 'emails.foo'");
        assertInvalid("emails[primary eq \"yes\"]", "'emails.primary' is a boolean");
    }

    // ---- errors ---------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "foo eq \"x\"                  | Unknown attribute 'foo'",
            "name.foo eq \"x\"             | Unknown attribute 'name.foo'",
            "title.value eq \"x\"          | Unknown attribute 'title.value'",
            "name.givenName.x eq \"x\"     | Unknown attribute 'name.givenName.x'",
            "urn:foo:bar:title eq \"x\"    | Unknown attribute",
            "title eq [1]                  | Invalid filter",
            "title xx \"a\"                | Unrecognized attribute operator 'xx'",
    })
    void unknownAttributesAndSyntaxErrors(String filter, String message) {
        assertInvalid(filter, message);
    }

    // ---- groups ---------------------------------------------------------------------------------

    @Test
    void groupsWithoutHookAreNotSupported() {
        assertInvalid("groups eq \"g\"", "Filtering on groups is not supported");
        assertInvalid("groups.display co \"g\"", "Filtering on groups is not supported");
        assertInvalid("groups[value eq \"g\"]", "Filtering on groups is not supported");
        assertInvalid("groups.type eq \"direct\"", "'groups.type' is not filterable");
    }

    @Test
    void groupsGoThroughTheHook() {
        List<GroupFilterHook.Condition> seen = new ArrayList<>();
        UserFilterTranslator withHook = new UserFilterTranslator((condition, params) -> {
            seen.add(condition);
            return "exists (select 1 from G g0 where g0.userId = m.userId and g0." + condition.subAttribute()
                    + (condition.value() == null ? " is not null" : " = " + params.bind(condition.value())) + ")";
        });
        assertWhere(withHook.translate("title pr and groups eq \"G1\""),
                "(" + TITLE_ROW + "v0.valueNorm <> '') and (exists (select 1 from G g0 where g0.userId = m.userId "
                        + "and g0.value = :p2)))", "title", "-", "G1");
        assertWhere(withHook.translate("groups.display ne \"Admins\""),
                "not (exists (select 1 from G g0 where g0.userId = m.userId and g0.display = :p0))", "Admins");
        assertWhere(withHook.translate("groups pr"),
                "(exists (select 1 from G g0 where g0.userId = m.userId and g0.value is not null))");
        assertWhere(withHook.translate("groups eq null"),
                "not ((exists (select 1 from G g0 where g0.userId = m.userId and g0.value is not null)))");
        assertWhere(withHook.translate("groups[value eq \"a\" or display sw \"b\"]"),
                "(((exists (select 1 from G g0 where g0.userId = m.userId and g0.value = :p0)) or "
                        + "(exists (select 1 from G g0 where g0.userId = m.userId and g0.display = :p1))))", "a", "b");
        assertEquals(List.of(
                new GroupFilterHook.Condition("value", FilterType.EQUAL, "G1"),
                new GroupFilterHook.Condition("display", FilterType.EQUAL, "Admins"),
                new GroupFilterHook.Condition("value", FilterType.PRESENT, null),
                new GroupFilterHook.Condition("value", FilterType.PRESENT, null),
                new GroupFilterHook.Condition("value", FilterType.EQUAL, "a"),
                new GroupFilterHook.Condition("display", FilterType.STARTS_WITH, "b")), seen);

        ScimException e = assertThrows(ScimException.class,
                () -> withHook.translate("groups[value eq \"a\" and display sw \"b\"]"));
        assertEquals("invalidFilter", e.scimType());
        e = assertThrows(ScimException.class, () -> withHook.translate("groups[value ne \"a\"]"));
        assertEquals("invalidFilter", e.scimType());
        e = assertThrows(ScimException.class, () -> withHook.translate("groups[not (value eq \"a\")]"));
        assertEquals("invalidFilter", e.scimType());
        e = assertThrows(ScimException.class, () -> withHook.translate("groups[$ref eq \"a\"]"));
        assertEquals("invalidFilter", e.scimType());
    }

    // ---- API ------------------------------------------------------------------------------------

    @Test
    void translatesParsedFilters() throws Exception {
        assertWhere(translator.translate(Filter.eq("userName", "X")), "(m.userNameNorm is not null and m.userNameNorm = :p0)", "x");
    }

    @Test
    void translatorIsReusable() {
        assertEquals(t("title pr").jpql(), t("title pr").jpql());
        assertEquals(params("title", "-"), t("title pr").params());
    }

    @Test
    void matchAll() {
        assertEquals("1 = 1", JpqlWhere.all().jpql());
        assertTrue(JpqlWhere.all().params().isEmpty());
    }
}
