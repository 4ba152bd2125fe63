package io.preset.teams.realmio;

import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.ModelException;
import org.keycloak.representations.idm.ComponentExportRepresentation;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeclaredTeamsTest {

    private static final String HASH = "8dd24f35a915e3c5c4da3d0652122ae83d56af8039b422f0fe8dd7415036fc03";

    private static ComponentExportRepresentation component(String name, String providerId, Map<String, List<String>> config,
                                                           ComponentExportRepresentation... subs) {
        ComponentExportRepresentation c = new ComponentExportRepresentation();
        c.setName(name);
        c.setProviderId(providerId);
        c.setConfig(new MultivaluedHashMap<>(config));
        if (subs.length > 0) {
            MultivaluedHashMap<String, ComponentExportRepresentation> map = new MultivaluedHashMap<>();
            map.put(DeclaredTeams.TYPE, List.of(subs));
            c.setSubComponents(map);
        }
        return c;
    }

    private static ComponentExportRepresentation team(ComponentExportRepresentation... subs) {
        return component("acme", DeclaredTeams.TEAM, Map.of("title", List.of("Acme")), subs);
    }

    private static ComponentExportRepresentation workspace() {
        return component("analytics", DeclaredTeams.WORKSPACE, Map.of("title", List.of("Analytics")));
    }

    private static String refusal(ComponentExportRepresentation... teams) {
        return assertThrows(ModelException.class, () -> DeclaredTeams.of(List.of(teams))).getMessage();
    }

    @Test
    void aWholeTeamIsRead() {
        DeclaredTeams declared = DeclaredTeams.of(List.of(team(workspace(),
                component("Ann", DeclaredTeams.MEMBER, Map.of("teamRole", List.of("Admin"), "workspaceRoles", List.of("analytics=PresetAlpha"))),
                component("Engineering", DeclaredTeams.PUSHED_GROUP, Map.of("externalId", List.of("00g1"))),
                component("okta", DeclaredTeams.SCIM_TOKEN, Map.of("sha256", List.of(HASH), "expiresAt", List.of("2030-01-01T00:00:00Z"))),
                component("Acme.COM", DeclaredTeams.DOMAIN, Map.of()))));
        DeclaredTeams.Team team = declared.teams().get(0);
        assertEquals("Acme", team.title());
        assertEquals(TeamRole.Admin, team.members().get(0).teamRole());
        assertEquals(Map.of("analytics", WorkspaceRole.PresetAlpha), team.members().get(0).workspaceRoles());
        assertEquals("00g1", team.groups().get(0).externalId());
        assertEquals(1893456000000L, team.tokens().get(0).expiresAt());
        assertEquals(List.of("acme.com"), team.domains());
    }

    @Test
    void aBadEntryIsRefusedByName() {
        assertTrue(refusal(team(component("ann", DeclaredTeams.MEMBER, Map.of("workspaceRoles", List.of("sales=PresetAlpha")))))
                .contains("team 'acme', member 'ann': unknown workspace 'sales'"));
        assertTrue(refusal(team(workspace(), component("ann", DeclaredTeams.MEMBER, Map.of("teamRole", List.of("Owner")))))
                .contains("member 'ann': Unknown team role 'Owner'"));
        assertTrue(refusal(team(component("okta", DeclaredTeams.SCIM_TOKEN, Map.of("sha256", List.of("pst_secret"))))).contains(
                "scim token 'okta': 'sha256' must be the SHA-256"));
        assertTrue(refusal(team(component("ann", DeclaredTeams.MEMBER, Map.of()), component("ANN", DeclaredTeams.MEMBER, Map.of())))
                .contains("member 'ANN': declared twice"));
        assertTrue(refusal(team(component("x", "preset-owner", Map.of()))).contains("unknown providerId 'preset-owner'"));
        assertTrue(refusal(team(component("analytics", DeclaredTeams.WORKSPACE, Map.of("colour", List.of("red")))))
                .contains("workspace 'analytics': unknown setting 'colour'"));
        assertTrue(refusal(team(), team()).contains("team 'acme': declared twice"));
        ComponentExportRepresentation other = component("beta", DeclaredTeams.TEAM, Map.of("title", List.of("Beta")),
                component("entra", DeclaredTeams.SCIM_TOKEN, Map.of("sha256", List.of(HASH))));
        assertTrue(refusal(team(component("okta", DeclaredTeams.SCIM_TOKEN, Map.of("sha256", List.of(HASH)))), other)
                .contains("team 'beta', scim token 'entra': the same hash as team 'acme', scim token 'okta'"));
        assertTrue(refusal(component("Not A Slug", DeclaredTeams.TEAM, Map.of())).startsWith("Preset team declaration, team 'Not A Slug'"));
    }
}
