package io.preset.teams.forward;

import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.preset.teams.team.WorkspaceRole.Admin;
import static io.preset.teams.team.WorkspaceRole.PresetAlpha;
import static io.preset.teams.team.WorkspaceRole.PresetGamma;
import static io.preset.teams.team.WorkspaceRole.PresetNoAccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallPlannerTest {

    private static final RemoteNames NAMES = new RemoteNames("acme", "alice@example.com", Map.of("analytics", "ws-1"));
    private static final String MEMBERSHIP = "/v1/teams/acme/memberships/alice@example.com";

    private static RoleState member(TeamRole role, Map<String, WorkspaceRole> workspaces) {
        return RoleState.of(role, workspaces);
    }

    private static RemoteCall put(String workspaceId, String role) {
        return new RemoteCall("PUT", "/v1/teams/acme/workspaces/" + workspaceId + "/membership",
                "{\"user_id\":\"alice@example.com\",\"role_identifier\":\"" + role + "\"}");
    }

    @Test
    void joinSendsTheMembershipFirstThenWorkspacesByOurWorkspaceName() {
        // "sales" is unmapped (keeps its name), "analytics" maps to ws-1; order is by OUR name
        List<RemoteCall> calls = CallPlanner.plan(RoleState.NONE,
                member(TeamRole.User, Map.of("sales", PresetGamma, "analytics", PresetAlpha)), NAMES);
        assertEquals(List.of(
                new RemoteCall("PATCH", MEMBERSHIP, "{\"team_role_id\":2}"),
                put("ws-1", "PresetAlpha"),
                put("sales", "PresetGamma")), calls);
    }

    @Test
    void adminIsTeamRoleOneAndAChangeOfTeamRoleAloneIsOnePatch() {
        RoleState before = member(TeamRole.User, Map.of("analytics", PresetAlpha));
        RoleState after = member(TeamRole.Admin, Map.of("analytics", PresetAlpha));
        assertEquals(List.of(new RemoteCall("PATCH", MEMBERSHIP, "{\"team_role_id\":1}")),
                CallPlanner.plan(before, after, NAMES));
    }

    @Test
    void unchangedRolesSendNothing() {
        RoleState roles = member(TeamRole.Admin, Map.of("analytics", Admin, "sales", PresetGamma));
        assertEquals(List.of(), CallPlanner.plan(roles, member(TeamRole.Admin,
                Map.of("sales", PresetGamma, "analytics", Admin)), NAMES));
        assertEquals(List.of(), CallPlanner.plan(RoleState.NONE, RoleState.NONE, NAMES));
        // NoAccess is the absence of a role, not a change
        assertEquals(List.of(), CallPlanner.plan(member(TeamRole.User, Map.of()),
                member(TeamRole.User, Map.of("sales", PresetNoAccess)), NAMES));
    }

    @Test
    void leavingIsOneDeleteWithoutWorkspaceCalls() {
        RoleState before = member(TeamRole.Admin, Map.of("analytics", Admin, "sales", PresetGamma));
        assertEquals(List.of(new RemoteCall("DELETE", MEMBERSHIP, null)), CallPlanner.plan(before, RoleState.NONE, NAMES));
    }

    @Test
    void aRoleTakenAwaySendsNoAccessForThatWorkspaceOnly() {
        // workspace deleted or group unmapped: the target hears PresetNoAccess
        RoleState before = member(TeamRole.User, Map.of("analytics", PresetAlpha, "sales", PresetGamma));
        RoleState after = member(TeamRole.User, Map.of("sales", PresetGamma));
        assertEquals(List.of(put("ws-1", "PresetNoAccess")), CallPlanner.plan(before, after, NAMES));
    }

    @Test
    void aRoleChangeInOneWorkspaceIsOnePut() {
        RoleState before = member(TeamRole.User, Map.of("analytics", PresetAlpha, "sales", PresetGamma));
        RoleState after = member(TeamRole.User, Map.of("analytics", PresetAlpha, "sales", Admin));
        assertEquals(List.of(put("sales", "Admin")), CallPlanner.plan(before, after, NAMES));
    }

    @Test
    void userKeyAndNamesArePathEncodedButSentRawInTheBody() {
        RemoteNames names = new RemoteNames("team one", "bob+x/y@example.com", Map.of("w", "id/1"));
        List<RemoteCall> calls = CallPlanner.plan(RoleState.NONE, member(TeamRole.User, Map.of("w", PresetAlpha)), names);
        assertEquals("/v1/teams/team%20one/memberships/bob%2Bx%2Fy@example.com", calls.get(0).path());
        assertEquals("/v1/teams/team%20one/workspaces/id%2F1/membership", calls.get(1).path());
        assertTrue(calls.get(1).body().contains("\"user_id\":\"bob+x/y@example.com\""), calls.get(1).body());
        assertEquals("\"a\\\"b\\\\c\\u0001\"", CallPlanner.jsonString("a\"b\\c\u0001"));
    }

    @Test
    void stateRoundTripsThroughItsStoredForm() {
        RoleState roles = member(TeamRole.Admin, Map.of("sales", PresetGamma, "analytics", Admin));
        assertEquals("analytics=Admin;sales=PresetGamma", roles.encodeWorkspaces());
        assertEquals(roles, RoleState.decode(TeamRole.Admin, roles.encodeWorkspaces()));
        assertEquals(RoleState.NONE, RoleState.decode(null, ""));
        // a non-member has no workspace roles, whatever is passed in
        assertEquals(RoleState.NONE, RoleState.of(null, Map.of("sales", Admin)));
        assertNotEquals(roles, member(TeamRole.User, Map.of("sales", PresetGamma, "analytics", Admin)));
    }
}
