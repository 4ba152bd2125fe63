package io.preset.teams.console;

import io.preset.teams.common.DomainException;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;
import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading and writing the console entry's form fields: what is refused before any database look-up. */
class GroupMappingDeclarationTest {

    private static ComponentModel entry(Map<String, List<String>> config) {
        ComponentModel model = new ComponentModel();
        config.forEach((key, values) -> model.getConfig().put(key, values));
        return model;
    }

    private static String refusal(Map<String, List<String>> config) {
        return assertThrows(DomainException.class, () -> GroupMappingDeclaration.of(entry(config))).getMessage();
    }

    @Test
    void readsWhatTheConsoleSends() {
        GroupMappingDeclaration d = GroupMappingDeclaration.of(entry(Map.of(
                "team", List.of(" acme "), "group", List.of("/team:acme/Engineering"), "teamRole", List.of("Admin"),
                "workspaceRoles", List.of("[{\"key\":\"sales\",\"value\":\"PresetReportsOnly\"},{\"key\":\"analytics\",\"value\":\"PresetAlpha\"}]"),
                "realm", List.of("preset"), "providerId", List.of("preset-group-roles"))));
        assertEquals("acme", d.team());
        assertEquals("/team:acme/Engineering", d.groupPath());
        assertEquals(TeamRole.Admin, d.teamRole());
        assertEquals(Map.of("analytics", WorkspaceRole.PresetAlpha, "sales", WorkspaceRole.PresetReportsOnly), d.workspaceRoles());
        assertEquals("analytics: Primary Creator, sales: Viewer", d.summary());
        assertTrue(d.grantsSomething());
    }

    @Test
    void readsARealmFilesLinesAndNoTeamRole() {
        GroupMappingDeclaration d = GroupMappingDeclaration.of(entry(Map.of(
                "team", List.of("acme"), "group", List.of("team:acme/Ops"), "teamRole", List.of("None"),
                "workspaceRoles", List.of("analytics = PresetBeta", "sales=PresetNoAccess"))));
        assertEquals("/team:acme/Ops", d.groupPath());
        assertNull(d.teamRole());
        assertEquals(WorkspaceRole.PresetBeta, d.workspaceRoles().get("analytics"));
        assertTrue(d.grantsSomething());
        GroupMappingDeclaration nothing = GroupMappingDeclaration.of(entry(Map.of(
                "team", List.of("acme"), "group", List.of("/team:acme/Ops"), "workspaceRoles", List.of("sales=PresetNoAccess"))));
        assertFalse(nothing.grantsSomething());
    }

    @Test
    void refusesWithAClearMessage() {
        assertEquals("Team is required: enter the slug of a team", refusal(Map.of("group", List.of("/g"))));
        assertEquals("Pushed group is required: select one of the team's pushed groups", refusal(Map.of("team", List.of("acme"))));
        Map<String, List<String>> base = Map.of("team", List.of("acme"), "group", List.of("/team:acme/Eng"));
        assertEquals("Unknown team role 'Owner'; expected one of User, Admin",
                refusal(with(base, "teamRole", List.of("Owner"))));
        assertTrue(refusal(with(base, "workspaceRoles", List.of("[{\"key\":\"analytics\",\"value\":\"Boss\"}]")))
                .startsWith("Unknown workspace role 'Boss'; expected one of"));
        assertEquals("Workspace roles: workspace 'analytics' is listed twice",
                refusal(with(base, "workspaceRoles", List.of("analytics=Admin", "analytics=PresetBeta"))));
        assertTrue(refusal(with(base, "workspaceRoles", List.of("[{\"key\":\"analytics\",\"value\":\"\"}]")))
                .startsWith("Workspace roles: workspace 'analytics' has no role"));
        assertEquals("Workspace roles: 'analytics' is not of the form workspace=Role",
                refusal(with(base, "workspaceRoles", List.of("analytics"))));
        assertTrue(refusal(with(base, "workspaceRoles", List.of("[{\"key\":"))).startsWith("Workspace roles are not valid JSON"));
        assertEquals("Team takes one value, got 2", refusal(Map.of("team", List.of("a", "b"), "group", List.of("/g"))));
    }

    @Test
    void writesTheCanonicalFormAndTheDerivedKeys() {
        ComponentModel model = entry(Map.of("team", List.of("acme"), "group", List.of("/team:acme/Eng"),
                "teamRole", List.of("User"), "workspaceRoles", List.of("analytics=PresetGamma"), "groupType", List.of("REALM")));
        GroupMappingDeclaration.of(model).writeTo(model, "g-1", GroupMappingDeclaration.APPLIED);
        assertEquals("/team:acme/Eng", model.getName());
        assertEquals("[{\"key\":\"analytics\",\"value\":\"PresetGamma\"}]", model.get("workspaceRoles"));
        assertEquals("g-1", model.get("groupId"));
        assertEquals("analytics: Limited Creator", model.get("summary"));
        assertEquals("Applied", model.get("status"));
        assertNull(model.get("groupType"));
        assertEquals(GroupMappingDeclaration.of(model), GroupMappingDeclaration.of(entry(Map.of("team", List.of("acme"),
                "group", List.of("/team:acme/Eng"), "teamRole", List.of("User"), "workspaceRoles", List.of("analytics=PresetGamma")))));
    }

    @Test
    void consoleMessagesSurviveKeycloaksMessageFormat() {
        GroupMappingsPageFactory.MappingRefused refused = new GroupMappingsPageFactory.MappingRefused("Team 'a{b}' not found");
        assertEquals("Team 'a{b}' not found", java.text.MessageFormat.format(refused.getMessage(), new Object[0]));
        assertEquals("Team 'a{b}' not found", refused.getLocalizedMessage());
    }

    private static Map<String, List<String>> with(Map<String, List<String>> base, String key, List<String> values) {
        Map<String, List<String>> out = new java.util.HashMap<>(base);
        out.put(key, values);
        return out;
    }
}
