package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatchParseTest extends PatchTestSupport {

    @Test
    void parsesOperationsWithCaseInsensitiveOps() {
        List<PatchOp> ops = users.parse(body("""
                [{"op":"Add","path":"title","value":"CEO"},
                 {"op":"REPLACE","value":{"active":false}},
                 {"op":"remove","path":"nickName"},
                 {"op":" replace ","path":"displayName","value":null}]
                """));
        assertEquals(4, ops.size());
        assertEquals(new PatchOp(PatchOp.Kind.ADD, "title", jsonValue("\"CEO\"")), ops.get(0));
        assertEquals(PatchOp.Kind.REPLACE, ops.get(1).op());
        assertNull(ops.get(1).path());
        assertEquals(jsonValue("{\"active\":false}"), ops.get(1).value());
        assertEquals(new PatchOp(PatchOp.Kind.REMOVE, "nickName", null), ops.get(2));
        assertTrue(ops.get(3).value().isNull(), "explicit null is kept as NullNode");
    }

    @Test
    void acceptsLowerCaseOperationsKeyAndCaseInsensitiveOpKeys() {
        ObjectNode request = json("{\"schemas\":[\"" + ScimJson.PATCH_OP + "\"],"
                + "\"operations\":[{\"OP\":\"add\",\"Path\":\"title\",\"Value\":\"x\"}]}");
        List<PatchOp> ops = users.parse(request);
        assertEquals(List.of(new PatchOp(PatchOp.Kind.ADD, "title", jsonValue("\"x\""))), ops);
    }

    @Test
    void blankPathIsAbsent() {
        List<PatchOp> ops = users.parse(body("[{\"op\":\"replace\",\"path\":\"  \",\"value\":{\"title\":\"x\"}}]"));
        assertNull(ops.get(0).path());
    }

    @Test
    void requiresPatchOpSchema() {
        scimError("invalidSyntax", () -> users.parse(json("{\"Operations\":[{\"op\":\"add\",\"path\":\"title\",\"value\":\"x\"}]}")));
        scimError("invalidSyntax", () -> users.parse(json(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"title\"}]}")));
        scimError("invalidSyntax", () -> users.parse(json(
                "{\"schemas\":\"" + ScimJson.PATCH_OP + "\",\"Operations\":[{\"op\":\"remove\",\"path\":\"title\"}]}")));
        scimError("invalidSyntax", () -> users.parse(null));
    }

    @Test
    void schemaUrnIsMatchedCaseInsensitively() {
        List<PatchOp> ops = users.parse(json("{\"schemas\":[\"" + ScimJson.PATCH_OP.toUpperCase() + "\"],"
                + "\"Operations\":[{\"op\":\"remove\",\"path\":\"title\"}]}"));
        assertEquals(1, ops.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"Operations\":[]", ",\"Operations\":{}", ",\"Operations\":null",
            ",\"Operations\":\"add\"", ",\"Operations\":7"})
    void requiresNonEmptyOperationsArray(String operations) {
        ObjectNode request = json("{\"schemas\":[\"" + ScimJson.PATCH_OP + "\"]" + operations + "}");
        scimError("invalidSyntax", () -> users.parse(request));
    }

    @Test
    void limitsNumberOfOperations() {
        ObjectNode request = body("[]");
        ArrayNode operations = (ArrayNode) request.get("Operations");
        for (int i = 0; i < PatchEngine.MAX_OPERATIONS; i++) {
            operations.add(json("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u-" + i + "\"}]}"));
        }
        assertEquals(PatchEngine.MAX_OPERATIONS, groups.parse(request).size());
        ObjectNode result = groups.apply(group(), groups.parse(request));
        assertEquals(PatchEngine.MAX_OPERATIONS, result.get("members").size(), "u-1 and u-2 were members already");

        operations.add(json("{\"op\":\"remove\",\"path\":\"members\"}"));
        var e = scimError("invalidValue", () -> groups.parse(request));
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"op\":\"move\",\"path\":\"title\"}", "{\"op\":\"copy\",\"path\":\"title\",\"value\":1}",
            "{\"path\":\"title\",\"value\":\"x\"}", "{\"op\":1,\"path\":\"title\",\"value\":\"x\"}",
            "{\"op\":null,\"path\":\"title\"}", "{\"op\":[\"add\"],\"path\":\"title\",\"value\":\"x\"}",
            "\"add\"", "null", "[]", "7"})
    void rejectsMalformedOperations(String operation) {
        scimError("invalidSyntax", () -> users.parse(body("[" + operation + "]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"op\":\"remove\"}", "{\"op\":\"remove\",\"path\":\"\"}", "{\"op\":\"Remove\",\"path\":null}",
            "{\"op\":\"remove\",\"value\":{\"title\":\"x\"}}"})
    void removeWithoutPathIsNoTarget(String operation) {
        scimError("noTarget", () -> users.parse(body("[" + operation + "]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"op\":\"add\",\"path\":\"title\"}", "{\"op\":\"replace\",\"path\":\"title\"}",
            "{\"op\":\"add\",\"path\":\"title\",\"value\":null}", "{\"op\":\"add\"}", "{\"op\":\"replace\"}",
            "{\"op\":\"replace\",\"value\":\"x\"}", "{\"op\":\"add\",\"value\":[{\"title\":\"x\"}]}",
            "{\"op\":\"replace\",\"value\":null}", "{\"op\":\"add\",\"value\":true}"})
    void addAndReplaceNeedUsableValues(String operation) {
        scimError("invalidValue", () -> users.parse(body("[" + operation + "]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "true", "{}", "[\"title\"]"})
    void nonStringPathIsInvalidPath(String path) {
        scimError("invalidPath", () -> users.parse(body("[{\"op\":\"replace\",\"path\":" + path + ",\"value\":\"x\"}]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "nope", "name.nope", "name.givenName.x", "emails[type eq \\\"work\\\"].value.x",
            "x y", ".name", "name.", "emails[type eq work]", "emails[type[value eq \\\"x\\\"]]",
            "emails.value[type eq \\\"work\\\"]", "emails[type eq \\\"w\\\"][value eq \\\"x\\\"]",
            "name[givenName eq \\\"x\\\"]", "userName[value eq \\\"x\\\"]", "emails[nope eq \\\"x\\\"]",
            "emails[name.givenName eq \\\"x\\\"]", "urn:foo:bar:department",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:nope",
            "urn:ietf:params:scim:schemas:core:2.0:User:department", "members", "urn:ietf:params:scim:schemas:core:2.0:Group:displayName"})
    void unknownOrMalformedUserPathsAreInvalidPath(String path) {
        scimError("invalidPath", () -> users.parse(body("[{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":\"x\"}]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"userName", "emails", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "members.nope", "members[nope eq \\\"1\\\"]"})
    void userOnlyPathsAreInvalidForGroups(String path) {
        scimError("invalidPath", () -> groups.parse(body("[{\"op\":\"remove\",\"path\":\"" + path + "\"}]")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "userName", "USERNAME", "name.givenName", "Name.GivenName", "emails", "emails[type eq \\\"work\\\"]",
            "emails[type eq \\\"work\\\"].value", "addresses[type eq \\\"work\\\"].streetAddress",
            "emails[type eq \\\"work\\\" and value ew \\\"example.com\\\"]", "emails[not (type eq \\\"work\\\")]",
            "emails[type pr]", "emails[primary eq true].value", "externalId",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
            "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:DEPARTMENT",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            "urn:ietf:params:scim:schemas:core:2.0:User:name.givenName",
            "urn:ietf:params:scim:schemas:core:2.0:User:externalId"})
    void acceptsSupportedUserPaths(String path) {
        assertEquals(1, users.parse(body("[{\"op\":\"remove\",\"path\":\"" + path + "\"}]")).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"members", "Members", "members[value eq \\\"u-1\\\"]", "members[value eq \\\"u-1\\\"].display",
            "displayName", "urn:ietf:params:scim:schemas:core:2.0:Group:displayName", "members.display"})
    void acceptsSupportedGroupPaths(String path) {
        assertEquals(1, groups.parse(body("[{\"op\":\"remove\",\"path\":\"" + path + "\"}]")).size());
    }
}
