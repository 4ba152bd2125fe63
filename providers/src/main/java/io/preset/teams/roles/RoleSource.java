package io.preset.teams.roles;

/**
 * Where a role comes from: the member's direct assignment or a pushed group mapped to roles.
 *
 * @param kind      {@code direct} or {@code group}
 * @param groupId   the Keycloak group id for {@code group}, else null
 * @param groupName the group's display name for {@code group}, else null
 * @param role      the role this source grants
 */
public record RoleSource(String kind, String groupId, String groupName, String role) {

    public static final String DIRECT = "direct";
    public static final String GROUP = "group";

    public static RoleSource direct(String role) {
        return new RoleSource(DIRECT, null, null, role);
    }

    public static RoleSource group(String groupId, String groupName, String role) {
        return new RoleSource(GROUP, groupId, groupName, role);
    }
}
