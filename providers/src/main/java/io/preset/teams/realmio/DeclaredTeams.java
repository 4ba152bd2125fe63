package io.preset.teams.realmio;

import io.preset.teams.common.DomainException;
import io.preset.teams.ownership.EmailDomainStore;
import io.preset.teams.team.Slugs;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.models.ModelException;
import org.keycloak.representations.idm.ComponentExportRepresentation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The teams a realm file declares, read from its {@code components} and checked before anything is written:
 *
 * <pre>{@code
 * "components": { "io.preset.teams.realmio.TeamDeclaration": [
 *   { "name": "acme-corp", "providerId": "preset-team", "config": { "title": ["Acme Corp"] },
 *     "subComponents": { "io.preset.teams.realmio.TeamDeclaration": [
 *       { "name": "analytics", "providerId": "preset-workspace", "config": { "title": ["Analytics"] } },
 *       { "name": "ann", "providerId": "preset-member",
 *         "config": { "teamRole": ["Admin"], "workspaceRoles": ["analytics=PresetAlpha"] } },
 *       { "name": "Engineering", "providerId": "preset-pushed-group", "config": { "externalId": ["00g1"] } },
 *       { "name": "okta", "providerId": "preset-scim-token", "config": { "sha256": ["<64 hex digits>"] } },
 *       { "name": "acme.com", "providerId": "preset-verified-domain", "config": {} } ] } } ] }
 * }</pre>
 *
 * A refused entry fails with a message that names it ({@code team 'acme-corp', member 'ann': ...}).
 */
public record DeclaredTeams(List<Team> teams, List<ComponentExportRepresentation> rows) {

    public static final String TYPE = TeamDeclaration.class.getName();
    public static final String TEAM = "preset-team";
    public static final String WORKSPACE = "preset-workspace";
    public static final String MEMBER = "preset-member";
    public static final String PUSHED_GROUP = "preset-pushed-group";
    public static final String SCIM_TOKEN = "preset-scim-token";
    public static final String DOMAIN = "preset-verified-domain";
    /** What {@code kc.sh export} writes: every row of the realm's teams ({@link TeamRowStore}). */
    public static final String DATA = "preset-teams-data";
    public static final String ROW = "preset-row";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_NAME = 255;

    public record Team(String slug, String title, List<Workspace> workspaces, List<Member> members,
                       List<PushedGroup> groups, List<Token> tokens, List<String> domains) {
    }

    public record Workspace(String name, String title) {
    }

    public record Member(String userName, TeamRole teamRole, Map<String, WorkspaceRole> workspaceRoles) {
    }

    public record PushedGroup(String name, String externalId) {
    }

    public record Token(String name, String sha256, Long expiresAt) {
    }

    public boolean isEmpty() {
        return teams.isEmpty() && rows.isEmpty();
    }

    /** The declarations among a realm's top-level components of our type. */
    public static DeclaredTeams of(List<ComponentExportRepresentation> declared) {
        if (declared == null || declared.isEmpty()) {
            return new DeclaredTeams(List.of(), List.of());
        }
        List<Team> teams = new ArrayList<>();
        List<ComponentExportRepresentation> rows = new ArrayList<>();
        Set<String> slugs = new HashSet<>();
        Map<String, String> domainOwners = new LinkedHashMap<>();
        Map<String, String> tokenHashes = new LinkedHashMap<>();
        for (ComponentExportRepresentation c : declared) {
            if (DATA.equals(c.getProviderId())) {
                rows.addAll(rows(c));
                continue;
            }
            String where = "team '" + c.getName() + "'";
            require(TEAM.equals(c.getProviderId()), where, "providerId must be '" + TEAM + "' or '" + DATA
                    + "' at the top level, not '" + c.getProviderId() + "'");
            Team team = team(c, where);
            require(slugs.add(team.slug()), where, "declared twice");
            for (String domain : team.domains()) {
                String other = domainOwners.putIfAbsent(domain, team.slug());
                require(other == null, where + ", verified domain '" + domain + "'", "also declared by team '" + other + "'");
            }
            for (Token token : team.tokens()) {
                String other = tokenHashes.putIfAbsent(token.sha256(), team.slug() + "', scim token '" + token.name());
                require(other == null, where + ", scim token '" + token.name() + "'",
                        "the same hash as team '" + other + "' (a token's secret must be unique)");
            }
            teams.add(team);
        }
        return new DeclaredTeams(List.copyOf(teams), List.copyOf(rows));
    }

    private static List<ComponentExportRepresentation> rows(ComponentExportRepresentation data) {
        List<ComponentExportRepresentation> rows = new ArrayList<>();
        MultivaluedHashMap<String, ComponentExportRepresentation> subs = data.getSubComponents();
        if (subs == null) {
            return rows;
        }
        for (Map.Entry<String, List<ComponentExportRepresentation>> e : subs.entrySet()) {
            require(TYPE.equals(e.getKey()), DATA, "unknown sub-component type '" + e.getKey() + "'");
            for (ComponentExportRepresentation row : e.getValue()) {
                require(ROW.equals(row.getProviderId()) && row.getConfig() != null, DATA + ", row '" + row.getName() + "'",
                        "providerId must be '" + ROW + "' with a config");
                rows.add(row);
            }
        }
        return rows;
    }

    private static Team team(ComponentExportRepresentation c, String where) {
        checked(where, () -> Slugs.require("team slug", c.getName()));
        Map<String, List<String>> config = config(c, where, Set.of("title"));
        String title = checked(where, () -> Slugs.requireTitle("Team", single(config, "title", c.getName(), where)));
        List<Workspace> workspaces = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        List<PushedGroup> groups = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        MultivaluedHashMap<String, ComponentExportRepresentation> subs = c.getSubComponents();
        if (subs != null) {
            for (Map.Entry<String, List<ComponentExportRepresentation>> e : subs.entrySet()) {
                require(TYPE.equals(e.getKey()), where, "unknown sub-component type '" + e.getKey() + "' (expected " + TYPE + ")");
                for (ComponentExportRepresentation sub : e.getValue()) {
                    String kind = sub.getProviderId() == null ? "" : sub.getProviderId();
                    String subWhere = where + ", " + kind.replace("preset-", "").replace('-', ' ') + " '" + sub.getName() + "'";
                    require(sub.getSubComponents() == null || sub.getSubComponents().isEmpty(), subWhere, "has sub-components");
                    String name = sub.getName();
                    require(name != null && !name.isBlank(), subWhere, "a name is required");
                    require(name.length() <= MAX_NAME, subWhere, "the name is longer than " + MAX_NAME + " characters");
                    String key = kind + "/" + (MEMBER.equals(kind) || DOMAIN.equals(kind) ? name.toLowerCase(Locale.ROOT) : name);
                    require(seen.add(key), subWhere, "declared twice");
                    switch (kind) {
                        case WORKSPACE -> {
                            checked(subWhere, () -> Slugs.require("workspace name", name));
                            Map<String, List<String>> wc = config(sub, subWhere, Set.of("title"));
                            workspaces.add(new Workspace(name, checked(subWhere,
                                    () -> Slugs.requireTitle("Workspace", single(wc, "title", name, subWhere)))));
                        }
                        case MEMBER -> members.add(member(sub, subWhere));
                        case PUSHED_GROUP -> {
                            Map<String, List<String>> gc = config(sub, subWhere, Set.of("externalId"));
                            require(!name.contains("/"), subWhere, "a pushed group's name has no '/'");
                            groups.add(new PushedGroup(name, single(gc, "externalId", null, subWhere)));
                        }
                        case SCIM_TOKEN -> tokens.add(token(sub, subWhere));
                        case DOMAIN -> {
                            config(sub, subWhere, Set.of());
                            domains.add(checked(subWhere, () -> EmailDomainStore.normalise(name)));
                        }
                        default -> throw refused(subWhere, "unknown providerId '" + kind + "' (expected one of "
                                + String.join(", ", WORKSPACE, MEMBER, PUSHED_GROUP, SCIM_TOKEN, DOMAIN) + ")");
                    }
                }
            }
        }
        Set<String> workspaceNames = new HashSet<>();
        workspaces.forEach(w -> workspaceNames.add(w.name()));
        for (Member m : members) {
            for (String ws : m.workspaceRoles().keySet()) {
                require(workspaceNames.contains(ws), where + ", member '" + m.userName() + "'",
                        "unknown workspace '" + ws + "' (declare it as a " + WORKSPACE + " of the team)");
            }
        }
        return new Team(c.getName(), title, workspaces, members, groups, tokens, domains);
    }

    private static Member member(ComponentExportRepresentation sub, String where) {
        Map<String, List<String>> config = config(sub, where, Set.of("teamRole", "workspaceRoles"));
        String role = single(config, "teamRole", TeamRole.User.name(), where);
        TeamRole teamRole = checked(where, () -> TeamRole.parse(role));
        Map<String, WorkspaceRole> workspaceRoles = new LinkedHashMap<>();
        for (String entry : config.getOrDefault("workspaceRoles", List.of())) {
            int eq = entry == null ? -1 : entry.indexOf('=');
            require(eq > 0 && eq < entry.length() - 1, where, "workspace role '" + entry + "' must be <workspace>=<role>");
            String ws = entry.substring(0, eq).strip();
            WorkspaceRole wr = checked(where, () -> WorkspaceRole.parse(entry.substring(eq + 1).strip()));
            require(workspaceRoles.put(ws, wr) == null, where, "two roles for workspace '" + ws + "'");
        }
        return new Member(sub.getName(), teamRole, workspaceRoles);
    }

    private static Token token(ComponentExportRepresentation sub, String where) {
        Map<String, List<String>> config = config(sub, where, Set.of("sha256", "expiresAt"));
        String hash = single(config, "sha256", null, where);
        require(hash != null && SHA256_HEX.matcher(hash).matches(), where,
                "'sha256' must be the SHA-256 of the token in 64 lower-case hex digits (never the token itself)");
        require(sub.getName().chars().noneMatch(Character::isISOControl), where, "the name must not contain control characters");
        String expires = single(config, "expiresAt", null, where);
        Long expiresAt = null;
        if (expires != null) {
            try {
                expiresAt = Instant.parse(expires).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw refused(where, "'expiresAt' must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
            }
        }
        return new Token(sub.getName().strip(), hash, expiresAt);
    }

    private static Map<String, List<String>> config(ComponentExportRepresentation c, String where, Set<String> allowed) {
        Map<String, List<String>> config = c.getConfig() == null ? Map.of() : c.getConfig();
        for (String key : config.keySet()) {
            require(allowed.contains(key), where, "unknown setting '" + key + "'"
                    + (allowed.isEmpty() ? " (it takes none)" : " (expected " + String.join(", ", allowed) + ")"));
        }
        return config;
    }

    private static String single(Map<String, List<String>> config, String key, String fallback, String where) {
        List<String> values = config.get(key);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        require(values.size() == 1, where, "'" + key + "' takes one value");
        return values.get(0);
    }

    private interface Check<T> {
        T get();
    }

    private static <T> T checked(String where, Check<T> check) {
        try {
            return check.get();
        } catch (DomainException e) {
            throw refused(where, e.getMessage());
        }
    }

    private static void require(boolean ok, String where, String message) {
        if (!ok) {
            throw refused(where, message);
        }
    }

    /** Keycloak's realm import answers a ModelException with its message (400 in the admin API). */
    static ModelException refused(String where, String message) {
        return new ModelException("Preset team declaration, " + where + ": " + message);
    }
}
