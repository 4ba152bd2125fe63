package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Errors and their scimType, and robustness against odd JSON. */
class PatchErrorsTest extends PatchTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"op\":\"replace\",\"path\":\"id\",\"value\":\"u-1\"}",
            "{\"op\":\"remove\",\"path\":\"id\"}",
            "{\"op\":\"replace\",\"path\":\"meta\",\"value\":{\"created\":\"2020-01-01T00:00:00Z\"}}",
            "{\"op\":\"replace\",\"path\":\"meta.created\",\"value\":\"2020-01-01T00:00:00Z\"}",
            "{\"op\":\"remove\",\"path\":\"meta\"}",
            "{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"g-1\"}]}",
            "{\"op\":\"remove\",\"path\":\"groups[value eq \\\"g-1\\\"]\"}",
            "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName\",\"value\":\"X\"}",
            "{\"op\":\"replace\",\"value\":{\"meta\":{\"version\":\"1\"}}}",
            "{\"op\":\"replace\",\"value\":{\"groups\":[]}}",
            "{\"op\":\"replace\",\"value\":{\"id\":\"other\"}}",
            "{\"op\":\"replace\",\"value\":{\"id\":null}}",
            "{\"op\":\"replace\",\"value\":{\"meta\":null}}",
            "{\"op\":\"add\",\"value\":{\"meta\":null}}",
            "{\"op\":\"replace\",\"value\":{\"urn:ietf:params:scim:schemas:core:2.0:User\":{\"id\":\"other\"}}}"})
    void readOnlyTargetsAreMutabilityErrors(String operation) {
        patchError(users, user(), "mutability", "[" + operation + "]");
    }

    @Test
    void idOfAResourceWithoutIdCannotBeSet() {
        patchError(groups, json("{\"displayName\":\"x\"}"), "mutability", "[{\"op\":\"replace\",\"value\":{\"id\":\"g-1\"}}]");
    }

    @Test
    void readOnlySubAttributesInValuesAreIgnored() {
        ObjectNode result = patch(users, plainUser(), """
                [{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager",
                  "value":{"value":"m-1","displayName":"Ignored"}}]
                """);
        assertEquals(jsonValue("{\"value\":\"m-1\"}"), ent(result).get("manager"));
    }

    @Test
    void requiredAttributesCannotBeRemoved() {
        patchError(users, user(), "invalidValue", "[{\"op\":\"remove\",\"path\":\"userName\"}]");
        patchError(users, user(), "invalidValue", "[{\"op\":\"replace\",\"path\":\"userName\",\"value\":null}]");
        patchError(groups, group(), "invalidValue", "[{\"op\":\"remove\",\"path\":\"displayName\"}]");
        // removed and set again in the same request is fine
        ObjectNode result = patch(users, user(), """
                [{"op":"remove","path":"userName"},{"op":"add","path":"userName","value":"again"}]
                """);
        assertEquals("again", result.get("userName").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":{\"x\":1}}",
            "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":[\"x\"]}",
            "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":true}",
            "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":{}}",
            "{\"op\":\"replace\",\"path\":\"name\",\"value\":\"Alice\"}",
            "{\"op\":\"replace\",\"path\":\"name\",\"value\":[{\"givenName\":\"A\"}]}",
            "{\"op\":\"replace\",\"path\":\"name\",\"value\":{\"givenName\":[\"A\"]}}",
            "{\"op\":\"add\",\"path\":\"emails\",\"value\":\"a@x.io\"}",
            "{\"op\":\"add\",\"path\":\"emails\",\"value\":[\"a@x.io\"]}",
            "{\"op\":\"add\",\"path\":\"emails\",\"value\":[[{\"value\":\"a@x.io\"}]]}",
            "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"a@x.io\",\"primary\":\"yes\"}]}",
            "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":{\"v\":1}}]}",
            "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"operation\":\"delete\",\"value\":\"a@x.io\"}]}",
            "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"]\",\"value\":\"a@x.io\"}",
            "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"]\",\"value\":{}}",
            "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].primary\",\"value\":\"maybe\"}",
            "{\"op\":\"remove\",\"path\":\"emails\",\"value\":[\"a@x.io\"]}",
            "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\",\"value\":\"x\"}",
            "{\"op\":\"replace\",\"value\":{\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":[\"x\"]}}",
            "{\"op\":\"replace\",\"value\":{\"urn:ietf:params:scim:schemas:core:2.0:User\":null}}",
            "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager\",\"value\":7}",
            "{\"op\":\"replace\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department\",\"value\":{\"value\":\"x\"}}",
            "{\"op\":\"replace\",\"path\":\"active\",\"value\":\"F\"}",
            "{\"op\":\"replace\",\"value\":{\"active\":\"nope\"}}",
            "{\"op\":\"replace\",\"path\":\"profileUrl\",\"value\":5}"})
    void badValuesAreInvalidValue(String operation) {
        patchError(users, user(), "invalidValue", "[" + operation + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"display\":\"no id\"}]}",
            "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"\"}]}",
            "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":null,\"display\":\"x\"}]}",
            "{\"op\":\"add\",\"path\":\"members\",\"value\":[\"u-3\"]}",
            "{\"op\":\"replace\",\"path\":\"members[value eq \\\"u-1\\\"]\",\"value\":{\"display\":\"x\"}}",
            "{\"op\":\"add\",\"path\":\"members.display\",\"value\":{\"x\":1}}",
            "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":[]}",
            "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":12}"})
    void badGroupValuesAreInvalidValue(String operation) {
        patchError(groups, group(), "invalidValue", "[" + operation + "]");
    }

    @Test
    void memberValuesBecomeStrings() {
        // a JSON number for a member's value is read as the string id, like employeeNumber
        ObjectNode result = patch(groups, group(), "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":42}]}]");
        assertEquals("42", result.get("members").get(2).get("value").textValue());
    }

    @Test
    void directlyBuiltOperationsAreValidatedToo() {
        scimError("noTarget", () -> users.apply(user(), List.of(new PatchOp(PatchOp.Kind.REMOVE, null, null))));
        scimError("invalidValue", () -> users.apply(user(), List.of(new PatchOp(PatchOp.Kind.ADD, "title", null))));
        scimError("invalidValue", () -> users.apply(user(), List.of(new PatchOp(PatchOp.Kind.ADD, "title", jsonValue("null")))));
        scimError("invalidValue", () -> users.apply(user(), List.of(new PatchOp(PatchOp.Kind.REPLACE, null, jsonValue("[]")))));
        scimError("invalidPath", () -> users.apply(user(), List.of(new PatchOp(PatchOp.Kind.REPLACE, "nope", jsonValue("1")))));
        scimError("invalidSyntax", () -> users.apply(user(), List.of(new PatchOp(null, "title", jsonValue("1")))));
        List<PatchOp> withNull = new ArrayList<>();
        withNull.add(null);
        scimError("invalidSyntax", () -> users.apply(user(), withNull));
    }

    @Test
    void unknownPathlessKeysAreInvalidPath() {
        patchError(users, user(), "invalidPath", "[{\"op\":\"replace\",\"value\":{\"nope\":1}}]");
        patchError(users, user(), "invalidPath", "[{\"op\":\"replace\",\"value\":{\"name.nope\":1}}]");
        patchError(users, user(), "invalidPath", "[{\"op\":\"add\",\"value\":{\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"nope\":1}}}]");
        patchError(users, user(), "invalidPath", "[{\"op\":\"add\",\"value\":{\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:nope\":1}}]");
        patchError(groups, group(), "invalidPath", "[{\"op\":\"replace\",\"value\":{\"userName\":\"x\"}}]");
        patchError(groups, group(), "invalidPath", "[{\"op\":\"replace\",\"value\":{\"\":\"x\"}}]");
    }

    @Test
    void errorsCarryUsefulDetail() {
        ScimException e = patchError(users, user(), "invalidPath", "[{\"op\":\"replace\",\"path\":\"name.nope\",\"value\":\"x\"}]");
        assertTrue(e.getMessage().contains("name.nope"), e.getMessage());
        e = patchError(users, user(), "mutability", "[{\"op\":\"replace\",\"path\":\"meta.created\",\"value\":\"x\"}]");
        assertTrue(e.getMessage().contains("meta.created"), e.getMessage());
        e = patchError(users, user(), "noTarget", "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"fax\\\"]\",\"value\":{\"value\":\"1\"}}]");
        assertNotNull(e.getMessage());
    }

    /** Throws only ScimException for anything a client can send, never NPE, ClassCastException, ... */
    @Test
    void oddJsonOnlyEverFailsWithScimException() {
        String[] paths = {null, "\"\"", "5", "null", "{}", "[]", "\"title\"", "\"name\"", "\"name.givenName\"", "\"emails\"",
                "\"emails.value\"", "\"emails[type eq \\\"work\\\"]\"", "\"emails[type eq \\\"work\\\"].value\"",
                "\"emails[\"", "\"emails[type eq]\"", "\"emails]\"", "\"[type eq 1]\"", "\"emails[type eq 1].value\"",
                "\"members\"", "\"members[value eq \\\"u-1\\\"]\"", "\"active\"", "\"id\"", "\"meta\"", "\"groups\"",
                "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
                "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager\"",
                "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value\"",
                "\"urn:\"", "\"urn:ietf:params:scim:schemas:core:2.0:User\"", "\":\"", "\".\"", "\"a..b\"", "\"emails[value eq null]\"",
                "\"emails[type eq \\\"work\\\" or value sw 5]\"", "\"emails[type gt \\\"a\\\"].primary\""};
        String[] values = {null, "null", "true", "\"True\"", "1", "1.5e300", "-0", "\"\"", "\"x\"", "[]", "[[]]", "[null]", "[1,\"a\"]",
                "{}", "{\"\":null}", "{\"value\":null}", "{\"value\":[]}", "{\"value\":{}}", "[{\"value\":\"u-1\"}]",
                "[{\"value\":[[]]}]", "{\"primary\":\"True\",\"value\":\"p@x.io\"}", "{\"givenName\":1}", "{\"id\":\"u-1\"}",
                "{\"schemas\":null}", "{\"name.givenName\":[]}", "{\"emails\":{\"value\":\"x\"}}", "{\"emails\":\"x\"}",
                "{\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"manager\":[\"m\"]}}",
                "{\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager\":{\"value\":{}}}",
                "{\"active\":null,\"members\":[{}]}", "[{\"primary\":true},{\"primary\":true}]"};
        String[] ops = {"\"add\"", "\"Replace\"", "\"REMOVE\"", "\"nope\"", "null", "7"};
        List<ObjectNode> resources = List.of(user(), plainUser(), group(), json("{}"),
                json("{\"id\":5,\"userName\":[],\"name\":\"x\",\"emails\":7,\"members\":\"x\",\""
                        + ENT + "\":\"x\",\"schemas\":{}}"),
                json("{\"emails\":[1,null,[],{\"type\":{}}],\"members\":[null,{\"value\":{}}],\"name\":[]}"));
        Random random = new Random(42);
        int checked = 0;
        for (int round = 0; round < 4000; round++) {
            StringBuilder op = new StringBuilder("{");
            String kind = ops[random.nextInt(ops.length)];
            op.append("\"op\":").append(kind);
            String path = paths[random.nextInt(paths.length)];
            if (path != null) {
                op.append(",\"path\":").append(path);
            }
            String value = values[random.nextInt(values.length)];
            if (value != null) {
                op.append(",\"value\":").append(value);
            }
            op.append("}");
            String operations = "[" + op + "]";
            for (PatchEngine engine : List.of(users, groups)) {
                ObjectNode resource = resources.get(random.nextInt(resources.size()));
                ObjectNode before = resource.deepCopy();
                try {
                    engine.apply(resource, engine.parse(body(operations)));
                } catch (ScimException e) {
                    assertEquals(400, e.status(), operations);
                    assertNotNull(e.scimType(), operations);
                } catch (RuntimeException e) {
                    fail("Not a ScimException for " + operations + " on " + resource, e);
                }
                assertEquals(before, resource, "mutated by " + operations);
                checked++;
            }
        }
        assertEquals(8000, checked);
    }
}
