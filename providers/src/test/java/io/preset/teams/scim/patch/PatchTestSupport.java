package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.scim.schema.ScimResourceType;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shared fixtures: a user and a group in SCIM JSON, and helpers to run PATCH bodies. */
abstract class PatchTestSupport {

    static final String ENT = ScimJson.ENTERPRISE_USER;

    final PatchEngine users = new PatchEngine(ScimResourceType.USER);
    final PatchEngine groups = new PatchEngine(ScimResourceType.GROUP);

    static ObjectNode json(String text) {
        return ScimJson.parseObject(text);
    }

    static JsonNode jsonValue(String text) {
        try {
            return ScimJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode user() {
        return json("""
                {
                  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                  "id": "u-1",
                  "externalId": "okta-1",
                  "userName": "Alice@Example.com",
                  "name": {"givenName": "Alice", "familyName": "Smith"},
                  "displayName": "Alice Smith",
                  "active": true,
                  "emails": [
                    {"value": "alice@example.com", "type": "work", "primary": true},
                    {"value": "alice@home.example", "type": "home"}
                  ],
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
                    "department": "Eng",
                    "manager": {"value": "m-1", "displayName": "Boss"}
                  },
                  "meta": {"resourceType": "User", "created": "2024-01-01T00:00:00Z"}
                }
                """);
    }

    /** A user without emails, addresses or enterprise data. */
    static ObjectNode plainUser() {
        return json("""
                {
                  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                  "id": "u-9",
                  "userName": "bob",
                  "active": true,
                  "meta": {"resourceType": "User"}
                }
                """);
    }

    static ObjectNode group() {
        return json("""
                {
                  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                  "id": "g-1",
                  "displayName": "Admins",
                  "members": [
                    {"value": "u-1", "display": "alice@example.com", "type": "User"},
                    {"value": "u-2"}
                  ],
                  "meta": {"resourceType": "Group"}
                }
                """);
    }

    /** A PatchOp body around the given JSON array of operations. */
    static ObjectNode body(String operationsJson) {
        return json("{\"schemas\":[\"" + ScimJson.PATCH_OP + "\"],\"Operations\":" + operationsJson + "}");
    }

    /** Parses and applies a PatchOp body; checks the input was not mutated. */
    static ObjectNode patch(PatchEngine engine, ObjectNode resource, String operationsJson) {
        ObjectNode request = body(operationsJson);
        ObjectNode requestBefore = request.deepCopy();
        ObjectNode before = resource.deepCopy();
        ObjectNode result = engine.apply(resource, engine.parse(request));
        assertEquals(before, resource, "apply must not mutate the resource");
        assertEquals(requestBefore, request, "parse/apply must not mutate the request");
        return result;
    }

    static ScimException scimError(String scimType, Executable executable) {
        ScimException e = assertThrows(ScimException.class, executable);
        assertEquals(scimType, e.scimType(), () -> "scimType of: " + e.getMessage());
        assertEquals(400, e.status());
        return e;
    }

    /** Expects the operations to fail, at parse or at apply, with scimType. */
    static ScimException patchError(PatchEngine engine, ObjectNode resource, String scimType, String operationsJson) {
        return scimError(scimType, () -> engine.apply(resource, engine.parse(body(operationsJson))));
    }

    static JsonNode ent(JsonNode user) {
        return user.get(ENT);
    }
}
