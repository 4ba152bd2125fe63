package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.preset.teams.scim.patch.PatchChange.Action;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.schema.ScimResourceType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is checked before the resource is looked at, and what is left for the applier. */
class PatchValidatorTest extends PatchTestSupport {

    private final PatchValidator validator = new PatchValidator(ScimResourceType.USER);

    private List<PatchChange> changes(String op) {
        return validator.changes(validator.parse(body("[" + op + "]")).get(0), "Operation 1");
    }

    @Test
    void aPathlessOperationBecomesOneConvertedChangePerKey() {
        List<PatchChange> changes = changes("""
                {"op":"Replace","value":{"active":"False","TITLE":7,
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"}}}""");
        assertEquals(3, changes.size());
        assertEquals(new PatchChange(Action.REPLACE, PatchPath.parse(ScimResourceType.USER, "active"), BooleanNode.FALSE),
                changes.get(0), "Entra's string boolean is converted before anything is applied");
        assertEquals(TextNode.valueOf("7"), changes.get(1).value());
        assertEquals("title", changes.get(1).target().resolved().attribute().name());
        assertEquals("department", changes.get(2).target().resolved().attribute().name());
    }

    @Test
    void nullInAReplaceUnassignsAndTheResourcesOwnIdIsLeftToTheApplier() {
        List<PatchChange> changes = changes("{\"op\":\"replace\",\"value\":{\"nickName\":null,\"id\":\"u-1\"}}");
        assertEquals(Action.REMOVE, changes.get(0).action());
        assertNull(changes.get(0).value());
        assertEquals(new PatchChange(Action.SAME_ID, null, TextNode.valueOf("u-1")), changes.get(1));
    }

    @Test
    void typesAndMutabilityAreCheckedWithoutTheResource() {
        ScimException type = scimError("invalidValue",
                () -> changes("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}"));
        assertEquals("'active' must be a boolean", type.getMessage());
        scimError("mutability", () -> changes("{\"op\":\"replace\",\"path\":\"meta\",\"value\":{}}"));
        scimError("invalidValue", () -> changes("{\"op\":\"add\",\"path\":\"emails\",\"value\":[\"a@b.c\"]}"));
    }

    @Test
    void operationsBuiltByCallersAreCheckedByTheSameRules() {
        ScimException e = scimError("noTarget",
                () -> validator.changes(new PatchOp(PatchOp.Kind.REMOVE, " ", null), PatchValidator.where(2)));
        assertEquals("Operation 3: a remove operation needs a path", e.getMessage());
        ScimException parsed = scimError("noTarget", () -> validator.parse(body("[{\"op\":\"add\",\"value\":{}},{\"op\":\"remove\"}]")));
        assertEquals("Operation 2: a remove operation needs a path", parsed.getMessage());
    }

    @Test
    void stateChecksAreTheAppliers() {
        // a filter that matches nothing, and the resource's own id, are known only against the resource
        ScimException noMatch = patchError(users, user(), "noTarget",
                "[{\"op\":\"replace\",\"path\":\"emails[type eq \\\"other\\\"]\",\"value\":{\"value\":\"x@y.z\"}}]");
        assertTrue(noMatch.getMessage().startsWith("No value of 'emails' matches"), noMatch.getMessage());
        scimError("mutability", () -> users.apply(user(), List.of(new PatchOp(PatchOp.Kind.REPLACE, null,
                json("{\"id\":\"someone-else\"}")))));
        ObjectNode same = users.apply(user(), List.of(new PatchOp(PatchOp.Kind.REPLACE, null, json("{\"id\":\"u-1\"}"))));
        assertEquals(user(), same);
    }
}
