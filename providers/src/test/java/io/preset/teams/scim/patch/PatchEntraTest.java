package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PATCH shapes Microsoft Entra ID sends (docs/okta-entra.md). */
class PatchEntraTest extends PatchTestSupport {

    @ParameterizedTest
    @CsvSource({"False,false", "false,false", "FALSE,false", "True,true", "true,true", "' True ',true"})
    void booleansAsStrings(String sent, boolean expected) {
        ObjectNode result = patch(users, user(), "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"" + sent + "\"}]");
        assertTrue(result.get("active").isBoolean());
        assertEquals(expected, result.get("active").booleanValue());
    }

    @Test
    void booleanStringsInPathlessValues() {
        ObjectNode result = patch(users, user(), "[{\"op\":\"Replace\",\"value\":{\"active\":\"False\"}}]");
        assertEquals(false, result.get("active").booleanValue());
        assertTrue(result.get("active").isBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "\"\"", "\"0\"", "1", "0", "{}", "[true]", "{\"value\":true}"})
    void otherValuesForBooleansAreInvalid(String value) {
        patchError(users, user(), "invalidValue", "[{\"op\":\"Replace\",\"path\":\"active\",\"value\":" + value + "}]");
    }

    @Test
    void removeMembersWithValueArray() {
        ObjectNode result = patch(groups, group(), """
                [{"op":"Remove","path":"members","value":[{"value":"u-1"}]}]
                """);
        assertEquals(jsonValue("[{\"value\":\"u-2\"}]"), result.get("members"));
    }

    @Test
    void removeMembersWithValueArrayOfSeveralAndNonMembers() {
        ObjectNode result = patch(groups, group(), """
                [{"op":"Remove","path":"members","value":[{"value":"u-2"},{"value":"u-404"},{"value":"u-1"}]}]
                """);
        assertEquals(jsonValue("[]"), result.get("members"));
        assertEquals(group(), patch(groups, group(), "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"u-404\"}]}]"));
    }

    @Test
    void removeMembersMatchesIdsCaseSensitively() {
        assertEquals(group(), patch(groups, group(), "[{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"U-1\"}]}]"));
    }

    @Test
    void removeMembersWithoutValueRemovesAll() {
        ObjectNode result = patch(groups, group(), "[{\"op\":\"Remove\",\"path\":\"members\"}]");
        assertFalse(result.has("members"));
        assertEquals("Admins", result.get("displayName").textValue());
    }

    @Test
    void addMembersWithValueOnly() {
        ObjectNode result = patch(groups, group(), "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"u-3\"}]}]");
        assertEquals(jsonValue("{\"value\":\"u-3\"}"), result.get("members").get(2));
    }

    @Test
    void renameGroupWithPath() {
        ObjectNode result = patch(groups, group(), "[{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Renamed\"}]");
        assertEquals("Renamed", result.get("displayName").textValue());
    }

    @Test
    void pathlessReplaceWithDottedAndUrnKeys() {
        ObjectNode result = patch(users, user(), """
                [{"op":"replace","value":{"name.givenName":"A",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"X"}}]
                """);
        assertEquals(jsonValue("{\"givenName\":\"A\",\"familyName\":\"Smith\"}"), result.get("name"));
        assertEquals("X", ent(result).get("department").textValue());
        assertEquals(jsonValue("{\"value\":\"m-1\",\"displayName\":\"Boss\"}"), ent(result).get("manager"));
    }

    @Test
    void pathlessAddWithUrnKeysCreatesTheExtension() {
        ObjectNode result = patch(users, plainUser(), """
                [{"op":"Add","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"701",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager":"m-2",
                  "name.familyName":"Jones","displayName":"Bob Jones","title":"Dev"}}]
                """);
        assertEquals(jsonValue("{\"employeeNumber\":\"701\",\"manager\":{\"value\":\"m-2\"}}"), ent(result));
        assertEquals(jsonValue("{\"familyName\":\"Jones\"}"), result.get("name"));
        assertEquals("Bob Jones", result.get("displayName").textValue());
        assertEquals(jsonValue("[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENT + "\"]"), result.get("schemas"));
    }

    @Test
    void managerAsPlainStringWithPath() {
        ObjectNode result = patch(users, user(), """
                [{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"m-2"}]
                """);
        // the old manager's displayName is stale and dropped, for the server to compute again
        assertEquals(jsonValue("{\"value\":\"m-2\"}"), ent(result).get("manager"));
        assertEquals("Eng", ent(result).get("department").textValue());
    }

    @Test
    void managerAsObjectAndAsSubAttributePath() {
        ObjectNode result = patch(users, plainUser(), """
                [{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":{"value":"m-3"}}]
                """);
        assertEquals(jsonValue("{\"value\":\"m-3\"}"), ent(result).get("manager"));
        result = patch(users, user(), """
                [{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value","value":"m-4"}]
                """);
        assertEquals(jsonValue("{\"value\":\"m-4\"}"), ent(result).get("manager"));
    }

    @Test
    void sameManagerKeepsItsDisplayName() {
        ObjectNode result = patch(users, user(), """
                [{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"m-1"}]
                """);
        assertEquals(user(), result);
    }

    @Test
    void emptyManagerStringUnassignsManager() {
        ObjectNode result = patch(users, user(), """
                [{"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":""}]
                """);
        assertFalse(ent(result).has("manager"));
    }

    @Test
    void removeManager() {
        ObjectNode result = patch(users, user(), """
                [{"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]
                """);
        assertEquals(jsonValue("{\"department\":\"Eng\"}"), ent(result));
    }

    @Test
    void removingTheLastEnterpriseAttributeDropsTheExtension() {
        ObjectNode result = patch(users, user(), """
                [{"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"},
                 {"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"}]
                """);
        assertFalse(result.has(ENT));
        assertEquals(jsonValue("[\"urn:ietf:params:scim:schemas:core:2.0:User\"]"), result.get("schemas"));
    }

    @Test
    void employeeNumberAsNumberBecomesString() {
        ObjectNode result = patch(users, user(), """
                [{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":1234}]
                """);
        assertTrue(ent(result).get("employeeNumber").isTextual());
        assertEquals("1234", ent(result).get("employeeNumber").textValue());
    }

    @Test
    void replaceWorkEmailValueWhenPresent() {
        ObjectNode result = patch(users, user(), """
                [{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"new@example.com"}]
                """);
        assertEquals(jsonValue("""
                [{"value":"new@example.com","type":"work","primary":true},{"value":"alice@home.example","type":"home"}]
                """), result.get("emails"));
    }

    @Test
    void replaceWorkEmailValueWhenAbsentAddsIt() {
        ObjectNode result = patch(users, plainUser(), """
                [{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"bob@example.com"}]
                """);
        assertEquals(jsonValue("[{\"type\":\"work\",\"value\":\"bob@example.com\"}]"), result.get("emails"));
        ObjectNode homeOnly = plainUser();
        homeOnly.set("emails", jsonValue("[{\"type\":\"home\",\"value\":\"b@home.example\"}]"));
        result = patch(users, homeOnly, """
                [{"op":"Add","path":"emails[type eq \\"work\\"].value","value":"bob@example.com"},
                 {"op":"Add","path":"emails[type eq \\"work\\"].primary","value":"True"}]
                """);
        assertEquals(jsonValue("""
                [{"type":"home","value":"b@home.example"},{"type":"work","value":"bob@example.com","primary":true}]
                """), result.get("emails"));
    }

    @Test
    void phoneNumbersAndAddressesByType() {
        ObjectNode result = patch(users, plainUser(), """
                [{"op":"Add","path":"phoneNumbers[type eq \\"mobile\\"].value","value":"+1 555 0100"},
                 {"op":"Add","path":"phoneNumbers[type eq \\"work\\"].value","value":"+1 555 0199"},
                 {"op":"Add","path":"addresses[type eq \\"work\\"].streetAddress","value":"1 Main St"},
                 {"op":"Replace","path":"addresses[type eq \\"work\\"].locality","value":"Springfield"},
                 {"op":"Replace","path":"addresses[type eq \\"work\\"].country","value":"US"}]
                """);
        assertEquals(jsonValue("""
                [{"type":"mobile","value":"+1 555 0100"},{"type":"work","value":"+1 555 0199"}]
                """), result.get("phoneNumbers"));
        assertEquals(jsonValue("""
                [{"type":"work","streetAddress":"1 Main St","locality":"Springfield","country":"US"}]
                """), result.get("addresses"));
    }

    @Test
    void pathlessAddWithFilterKeys() {
        ObjectNode result = patch(users, plainUser(), """
                [{"op":"Add","value":{"emails[type eq \\"work\\"].value":"bob@example.com","externalId":"entra-9"}}]
                """);
        assertEquals(jsonValue("[{\"type\":\"work\",\"value\":\"bob@example.com\"}]"), result.get("emails"));
        assertEquals("entra-9", result.get("externalId").textValue());
    }

    @Test
    void addExternalIdAndReplaceUserName() {
        ObjectNode result = patch(users, user(), """
                [{"op":"Add","path":"externalId","value":"entra-1"},
                 {"op":"Replace","path":"userName","value":"Alice.New@Example.com"}]
                """);
        assertEquals("entra-1", result.get("externalId").textValue());
        assertEquals("Alice.New@Example.com", result.get("userName").textValue());
    }

    @Test
    void typicalEntraUserUpdate() {
        ObjectNode result = patch(users, user(), """
                [{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"alice2@example.com"},
                 {"op":"Replace","path":"name.familyName","value":"Jones"},
                 {"op":"Replace","path":"active","value":"True"},
                 {"op":"Add","path":"title","value":"CTO"},
                 {"op":"Replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"R&D"},
                 {"op":"Remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"}]
                """);
        ObjectNode expected = user();
        ((ObjectNode) expected.get("emails").get(0)).put("value", "alice2@example.com");
        ((ObjectNode) expected.get("name")).put("familyName", "Jones");
        expected.put("title", "CTO");
        ObjectNode ext = (ObjectNode) expected.get(ENT);
        ext.put("department", "R&D");
        ext.remove("manager");
        assertEquals(expected, result);
        assertNull(result.get("password"));
    }
}
