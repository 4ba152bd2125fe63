package io.preset.teams.scim.group;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.scim.patch.PatchOp;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Member changes read straight from the PATCH shapes Okta and Entra send (docs/okta-entra.md). */
class MemberChangeTest {

    private static JsonNode json(String text) {
        try {
            return ScimJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static MemberChange.Split split(PatchOp.Kind kind, String path, String value) {
        return MemberChange.split(new PatchOp(kind, path, value == null ? null : json(value)));
    }

    @Test
    void oktaAddWithoutType() {
        MemberChange.Split s = split(PatchOp.Kind.ADD, "members", "[{\"value\":\"u1\",\"display\":\"a@b.c\"}]");
        assertEquals(new MemberChange(MemberChange.Kind.ADD, Set.of("u1")), s.members());
        assertNull(s.rest());
    }

    @Test
    void oktaRemoveByFilterAndSeveralJoinedByOr() {
        assertEquals(Set.of("u1"), split(PatchOp.Kind.REMOVE, "members[value eq \"u1\"]", null).members().userIds());
        MemberChange both = split(PatchOp.Kind.REMOVE, "members[value eq \"u1\" or value eq \"u2\"]", null).members();
        assertEquals(MemberChange.Kind.REMOVE, both.kind());
        assertEquals(Set.of("u1", "u2"), both.userIds());
    }

    @Test
    void entraRemoveWithValueListRemovesOnlyThose() {
        MemberChange c = split(PatchOp.Kind.REMOVE, "members", "[{\"value\":\"u1\"},{\"value\":\"u2\"}]").members();
        assertEquals(new MemberChange(MemberChange.Kind.REMOVE, Set.of("u1", "u2")), c);
        assertEquals(MemberChange.Kind.REMOVE_ALL, split(PatchOp.Kind.REMOVE, "members", null).members().kind());
        assertEquals(new MemberChange(MemberChange.Kind.REMOVE, Set.of()), split(PatchOp.Kind.REMOVE, "members", "[]").members(),
                "an empty value list removes nothing, never everyone");
    }

    @Test
    void replaceWithFullListOrEmpty() {
        assertEquals(new MemberChange(MemberChange.Kind.REPLACE, Set.of("u1")),
                split(PatchOp.Kind.REPLACE, "members", "[{\"value\":\"u1\"}]").members());
        assertEquals(new MemberChange(MemberChange.Kind.REPLACE, Set.of()), split(PatchOp.Kind.REPLACE, "members", "[]").members());
        assertEquals(MemberChange.Kind.REPLACE,
                split(PatchOp.Kind.REPLACE, "urn:ietf:params:scim:schemas:core:2.0:Group:members", "[]").members().kind());
    }

    @Test
    void pathlessRenameIsLeftToThePatchEngineAndMembersAreSplitOff() {
        MemberChange.Split rename = split(PatchOp.Kind.REPLACE, null, "{\"id\":\"g\",\"displayName\":\"New\"}");
        assertNull(rename.members());
        assertEquals("New", rename.rest().value().path("displayName").asText());

        MemberChange.Split both = split(PatchOp.Kind.REPLACE, null,
                "{\"displayName\":\"New\",\"members\":[{\"value\":\"u1\"}]}");
        assertEquals(new MemberChange(MemberChange.Kind.REPLACE, Set.of("u1")), both.members());
        assertEquals("{\"displayName\":\"New\"}", both.rest().value().toString());

        MemberChange.Split onlyMembers = split(PatchOp.Kind.ADD, null, "{\"members\":[{\"value\":\"u1\"}]}");
        assertEquals(MemberChange.Kind.ADD, onlyMembers.members().kind());
        assertNull(onlyMembers.rest());
    }

    @Test
    void otherAttributesAreNotMemberChanges() {
        assertNull(split(PatchOp.Kind.REPLACE, "displayName", "\"x\"").members());
        assertNull(split(PatchOp.Kind.REPLACE, "externalId", "\"x\"").members());
    }

    @Test
    void unsupportedShapesAreClearErrors() {
        assertEquals("invalidValue", assertThrows(ScimException.class,
                () -> split(PatchOp.Kind.ADD, "members", "[{\"display\":\"no value\"}]")).scimType());
        assertEquals("invalidValue", assertThrows(ScimException.class,
                () -> split(PatchOp.Kind.ADD, "members", "[{\"value\":\"g1\",\"type\":\"Group\"}]")).scimType());
        assertEquals("invalidPath", assertThrows(ScimException.class,
                () -> split(PatchOp.Kind.REMOVE, "members[display eq \"x\"]", null)).scimType());
        assertEquals("invalidPath", assertThrows(ScimException.class,
                () -> split(PatchOp.Kind.REPLACE, "members[value eq \"u1\"]", "{\"value\":\"u2\"}")).scimType());
    }
}
