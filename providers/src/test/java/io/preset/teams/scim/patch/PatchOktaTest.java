package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The PATCH shapes Okta sends (docs/okta-entra.md). */
class PatchOktaTest extends PatchTestSupport {

    @Test
    void deactivateWithPathlessReplace() {
        ObjectNode result = patch(users, user(), "[{\"op\":\"replace\",\"value\":{\"active\":false}}]");
        ObjectNode expected = user();
        expected.put("active", false);
        assertEquals(expected, result);
    }

    @Test
    void reactivateWithPathlessReplace() {
        ObjectNode inactive = user();
        inactive.put("active", false);
        ObjectNode result = patch(users, inactive, "[{\"op\":\"replace\",\"value\":{\"active\":true}}]");
        assertEquals(user(), result);
    }

    @Test
    void groupRenameCarriesTheGroupsOwnId() {
        ObjectNode result = patch(groups, group(),
                "[{\"op\":\"replace\",\"value\":{\"id\":\"g-1\",\"displayName\":\"New name\"}}]");
        ObjectNode expected = group();
        expected.put("displayName", "New name");
        assertEquals(expected, result);
    }

    @Test
    void groupRenameWithAnotherIdIsMutabilityError() {
        patchError(groups, group(), "mutability",
                "[{\"op\":\"replace\",\"value\":{\"id\":\"g-2\",\"displayName\":\"New name\"}}]");
        patchError(groups, group(), "mutability",
                "[{\"op\":\"replace\",\"value\":{\"id\":7,\"displayName\":\"New name\"}}]");
    }

    @Test
    void groupRenameTogetherWithMembershipChanges() {
        ObjectNode result = patch(groups, group(), """
                [{"op":"replace","value":{"id":"g-1","displayName":"Ops"}},
                 {"op":"remove","path":"members[value eq \\"u-2\\"]"},
                 {"op":"add","path":"members","value":[{"value":"u-3","display":"c@x.io"}]}]
                """);
        assertEquals("Ops", result.get("displayName").textValue());
        assertEquals(jsonValue("""
                [{"value":"u-1","display":"alice@example.com","type":"User"},{"value":"u-3","display":"c@x.io"}]
                """), result.get("members"));
    }

    @Test
    void addMembersWithoutTypeKeepsThem() {
        ObjectNode result = patch(groups, group(), """
                [{"op":"add","path":"members","value":[{"value":"u-3","display":"c@x.io"},{"value":"u-4","display":"d@x.io"}]}]
                """);
        assertEquals(jsonValue("""
                [{"value":"u-1","display":"alice@example.com","type":"User"},{"value":"u-2"},
                 {"value":"u-3","display":"c@x.io"},{"value":"u-4","display":"d@x.io"}]
                """), result.get("members"));
    }

    @Test
    void addMembersToEmptyGroup() {
        ObjectNode empty = json("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"g-2\","
                + "\"displayName\":\"Empty\",\"members\":[]}");
        ObjectNode result = patch(groups, empty, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u-1\"}]}]");
        assertEquals(jsonValue("[{\"value\":\"u-1\"}]"), result.get("members"));
        ObjectNode noKey = json("{\"id\":\"g-3\",\"displayName\":\"None\"}");
        result = patch(groups, noKey, "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u-1\"}]}]");
        assertEquals(jsonValue("[{\"value\":\"u-1\"}]"), result.get("members"));
    }

    @Test
    void addingAnExistingMemberChangesNothing() {
        ObjectNode result = patch(groups, group(), """
                [{"op":"add","path":"members","value":[{"value":"u-1","display":"other display"},{"value":"u-2"},{"value":"u-2"}]}]
                """);
        assertEquals(group(), result);
    }

    @Test
    void removeMemberByValueFilter() {
        ObjectNode result = patch(groups, group(), "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u-1\\\"]\"}]");
        assertEquals(jsonValue("[{\"value\":\"u-2\"}]"), result.get("members"));
    }

    @Test
    void removingANonMemberIsANoOp() {
        ObjectNode result = patch(groups, group(), "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u-404\\\"]\"}]");
        assertEquals(group(), result);
        ObjectNode noMembers = json("{\"id\":\"g-3\",\"displayName\":\"None\"}");
        assertEquals(noMembers, patch(groups, noMembers, "[{\"op\":\"remove\",\"path\":\"members[value eq \\\"u-1\\\"]\"}]"));
    }

    @Test
    void removingTheLastMemberLeavesAnEmptyList() {
        ObjectNode result = patch(groups, group(), """
                [{"op":"remove","path":"members[value eq \\"u-1\\"]"},{"op":"remove","path":"members[value eq \\"u-2\\"]"}]
                """);
        assertEquals(jsonValue("[]"), result.get("members"));
        assertEquals("Admins", result.get("displayName").textValue());
    }

    @Test
    void pushNowReplacesMembersWithFullList() {
        ObjectNode result = patch(groups, group(), """
                [{"op":"replace","path":"members","value":[{"value":"u-2","display":"b@x.io"},{"value":"u-5","display":"e@x.io"}]}]
                """);
        assertEquals(jsonValue("[{\"value\":\"u-2\",\"display\":\"b@x.io\"},{\"value\":\"u-5\",\"display\":\"e@x.io\"}]"),
                result.get("members"));
    }

    @Test
    void pushNowWithEmptyListEmptiesTheGroup() {
        ObjectNode result = patch(groups, group(), "[{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}]");
        ObjectNode expected = group();
        expected.putArray("members");
        assertEquals(expected, result);
    }

    @Test
    void replaceMembersDropsDuplicatesInTheList() {
        ObjectNode result = patch(groups, group(), """
                [{"op":"replace","path":"members","value":[{"value":"u-7"},{"value":"u-7","display":"again"}]}]
                """);
        assertEquals(jsonValue("[{\"value\":\"u-7\"}]"), result.get("members"));
    }

    @Test
    void hundredMemberChangesInOnePatch() {
        StringBuilder ops = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            ops.append(i == 0 ? "" : ",").append("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"n-")
                    .append(i).append("\"}]}");
        }
        ops.append("]");
        ObjectNode result = patch(groups, group(), ops.toString());
        assertEquals(102, result.get("members").size());
        assertEquals("n-99", result.get("members").get(101).get("value").textValue());
    }

    @Test
    void groupPushStartsWithCreateThenRenameRightAfter() {
        // "a rename answered 400 right after group create": the fresh group has members: []
        ObjectNode fresh = json("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"g-new\","
                + "\"displayName\":\"Old\",\"members\":[],\"meta\":{\"resourceType\":\"Group\"}}");
        ObjectNode result = patch(groups, fresh, "[{\"op\":\"replace\",\"value\":{\"id\":\"g-new\",\"displayName\":\"New\"}}]");
        assertEquals("New", result.get("displayName").textValue());
        assertEquals(jsonValue("[]"), result.get("members"));
    }

    @Test
    void thousandMemberRemovalsInALargeGroupAreFast() {
        // FilterEvaluator alone took minutes for this (it tries to parse every string as a date)
        ObjectNode large = group();
        ArrayNode members = large.putArray("members");
        for (int i = 0; i < 5000; i++) {
            members.addObject().put("value", String.format("8c1f7a2e-0000-4000-8000-%012d", i)).put("display", "u" + i + "@x.io");
        }
        StringBuilder filterOps = new StringBuilder("[");
        StringBuilder valueOps = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            String id = String.format("8c1f7a2e-0000-4000-8000-%012d", i * 3);
            filterOps.append(i == 0 ? "" : ",").append("{\"op\":\"remove\",\"path\":\"members[value eq \\\"")
                    .append(id).append("\\\"]\"}");
            valueOps.append(i == 0 ? "" : ",").append("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"")
                    .append(id).append("\"}]}");
        }
        for (String ops : List.of(filterOps.append("]").toString(), valueOps.append("]").toString())) {
            ObjectNode result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> patch(groups, large, ops));
            assertEquals(4000, result.get("members").size());
        }
    }
}
