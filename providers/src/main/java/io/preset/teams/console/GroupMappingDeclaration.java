package io.preset.teams.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.preset.teams.common.DomainException;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What one entry of the admin-console page declares: pushed group {@code groupPath} of team {@code team}
 * grants {@code teamRole} (or none) and one role per workspace. Read from and written to the config of
 * the page's realm component; the checks here need no database (syntax, role names). Whether the team,
 * the group and the workspaces exist is {@link GroupMappings}' business, through the domain stores.
 *
 * <p>Config keys: the form fields {@value #TEAM}, {@value #GROUP}, {@value #TEAM_ROLE},
 * {@value #WORKSPACE_ROLES} (the console's key/value editor: a JSON array of {@code {key, value}}; a realm
 * file may also give {@code name=Role} values), and what the server derives: {@value #GROUP_ID},
 * {@value #SUMMARY}, {@value #STATUS}.
 */
public record GroupMappingDeclaration(String team, String groupPath, TeamRole teamRole,
                                      SortedMap<String, WorkspaceRole> workspaceRoles) {

    public static final String TEAM = "team";
    public static final String GROUP = "group";
    public static final String TEAM_ROLE = "teamRole";
    public static final String WORKSPACE_ROLES = "workspaceRoles";
    public static final String GROUP_ID = "groupId";
    public static final String SUMMARY = "summary";
    public static final String STATUS = "status";

    /** The team-role choice that grants no team role. */
    public static final String NO_TEAM_ROLE = "None";
    public static final String APPLIED = "Applied";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public GroupMappingDeclaration {
        workspaceRoles = new TreeMap<>(workspaceRoles);
    }

    /** Reads the form fields of a component; refuses what is wrong whatever the database holds. */
    public static GroupMappingDeclaration of(ComponentModel model) {
        MultivaluedHashMap<String, String> config = model.getConfig() == null ? new MultivaluedHashMap<>() : model.getConfig();
        String team = single(config, TEAM, "Team");
        if (team == null) {
            throw DomainException.invalid("Team is required: enter the slug of a team");
        }
        String group = single(config, GROUP, "Pushed group");
        if (group == null) {
            throw DomainException.invalid("Pushed group is required: select one of the team's pushed groups");
        }
        if (!group.startsWith("/")) {
            group = "/" + group;
        }
        String role = single(config, TEAM_ROLE, "Team role");
        TeamRole teamRole = role == null || role.equalsIgnoreCase(NO_TEAM_ROLE) ? null : TeamRole.parse(role);
        return new GroupMappingDeclaration(team, group, teamRole, workspaceRoles(config.getList(WORKSPACE_ROLES)));
    }

    /** True if the mapping grants a team role or a role in some workspace. */
    public boolean grantsSomething() {
        return teamRole != null || workspaceRoles.values().stream().anyMatch(r -> r != WorkspaceRole.PresetNoAccess);
    }

    /** Writes the form fields in their canonical form plus the derived keys; other keys are dropped. */
    public void writeTo(ComponentModel model, String groupId, String status) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(TEAM, team);
        config.putSingle(GROUP, groupPath);
        config.putSingle(TEAM_ROLE, teamRole == null ? NO_TEAM_ROLE : teamRole.name());
        ArrayNode rows = MAPPER.createArrayNode();
        workspaceRoles.forEach((name, role) -> rows.addObject().put("key", name).put("value", role.name()));
        if (!rows.isEmpty()) {
            config.putSingle(WORKSPACE_ROLES, rows.toString());
        }
        if (groupId != null) {
            config.putSingle(GROUP_ID, groupId);
        }
        config.putSingle(SUMMARY, summary());
        config.putSingle(STATUS, status);
        model.setConfig(config);
        model.setName(groupPath);
    }

    /** The workspace roles for people: {@code analytics: Primary Creator, sales: Viewer}. */
    public String summary() {
        if (workspaceRoles.isEmpty()) {
            return "-";
        }
        StringJoiner out = new StringJoiner(", ");
        workspaceRoles.forEach((name, role) -> out.add(name + ": " + role.displayName()));
        return out.toString();
    }

    /** The same declaration for a renamed group. */
    public GroupMappingDeclaration withGroupPath(String path) {
        return new GroupMappingDeclaration(team, path, teamRole, workspaceRoles);
    }

    private static String single(MultivaluedHashMap<String, String> config, String key, String label) {
        List<String> values = config.getList(key);
        List<String> present = values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
        if (present.size() > 1) {
            throw DomainException.invalid(label + " takes one value, got " + present.size());
        }
        return present.isEmpty() ? null : present.get(0);
    }

    /**
     * The console's key/value editor sends one JSON array {@code [{"key":"analytics","value":"PresetAlpha"}]};
     * a hand-written realm file may instead list {@code analytics=PresetAlpha} values.
     */
    static SortedMap<String, WorkspaceRole> workspaceRoles(List<String> values) {
        SortedMap<String, WorkspaceRole> roles = new TreeMap<>();
        if (values == null) {
            return roles;
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            String trimmed = value.strip();
            if (trimmed.startsWith("[")) {
                for (Map.Entry<String, String> row : jsonRows(trimmed)) {
                    put(roles, row.getKey(), row.getValue());
                }
            } else {
                int eq = trimmed.indexOf('=');
                if (eq < 0) {
                    throw DomainException.invalid("Workspace roles: '" + trimmed + "' is not of the form workspace=Role");
                }
                put(roles, trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        return roles;
    }

    private static List<Map.Entry<String, String>> jsonRows(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("Workspace roles are not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isArray()) {
            throw DomainException.invalid("Workspace roles must be a list of workspace and role pairs");
        }
        java.util.ArrayList<Map.Entry<String, String>> rows = new java.util.ArrayList<>();
        for (JsonNode row : node) {
            JsonNode key = row.get("key");
            JsonNode value = row.get("value");
            if (key == null || !key.isTextual() || value == null || !value.isTextual()) {
                throw DomainException.invalid("Workspace roles: every row needs a workspace name and a role");
            }
            rows.add(Map.entry(key.asText(), value.asText()));
        }
        return rows;
    }

    private static void put(SortedMap<String, WorkspaceRole> roles, String rawName, String rawRole) {
        String name = rawName.strip();
        String role = rawRole.strip();
        if (name.isEmpty()) {
            if (role.isEmpty()) {
                return; // an empty row of the editor
            }
            throw DomainException.invalid("Workspace roles: role '" + role + "' has no workspace name");
        }
        if (role.isEmpty()) {
            throw DomainException.invalid("Workspace roles: workspace '" + name + "' has no role; expected one of "
                    + roleNames());
        }
        WorkspaceRole parsed = WorkspaceRole.parse(role);
        if (roles.put(name, parsed) != null) {
            throw DomainException.invalid("Workspace roles: workspace '" + name + "' is listed twice");
        }
    }

    static String roleNames() {
        StringJoiner out = new StringJoiner(", ");
        for (WorkspaceRole role : WorkspaceRole.values()) {
            out.add(role.name());
        }
        return out.toString();
    }
}
