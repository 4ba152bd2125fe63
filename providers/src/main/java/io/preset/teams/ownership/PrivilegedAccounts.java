package io.preset.teams.ownership;

import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.util.stream.Stream;

/**
 * Accounts that hold more than the realm's default roles (realm-management, any other client's roles, any
 * extra realm role), directly or through their groups. No team owns such an account: a team's SCIM never
 * writes its profile (an email it set would receive that operator's password reset) and a team's identity
 * provider never signs it in without the holder's own credential.
 */
public final class PrivilegedAccounts {

    private PrivilegedAccounts() {
    }

    public static boolean isPrivileged(RealmModel realm, UserModel user) {
        RoleModel defaults = realm.getDefaultRole();
        return Stream.concat(user.getRoleMappingsStream(), user.getGroupsStream().flatMap(PrivilegedAccounts::groupRoles))
                .anyMatch(role -> !isDefault(defaults, role));
    }

    private static boolean isDefault(RoleModel defaults, RoleModel role) {
        return defaults != null && (role.getId().equals(defaults.getId()) || defaults.hasRole(role));
    }

    /** The roles of a group and of every group above it (Keycloak's groups inherit their parents' roles). */
    private static Stream<RoleModel> groupRoles(GroupModel group) {
        Stream<RoleModel> own = group.getRoleMappingsStream();
        GroupModel parent = group.getParent();
        return parent == null ? own : Stream.concat(own, groupRoles(parent));
    }
}
