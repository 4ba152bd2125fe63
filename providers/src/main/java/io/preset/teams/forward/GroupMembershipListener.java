package io.preset.teams.forward;

import io.preset.teams.group.TeamGroupStore;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

import java.util.List;

/**
 * Joins and leaves of pushed groups, whoever makes them (SCIM, the admin console, Keycloak's admin
 * REST API), may change the member's roles in the group's team.
 */
final class GroupMembershipListener implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof GroupModel.GroupMemberJoinEvent join) {
            touch(join.getKeycloakSession(), join.getRealm(), join.getGroup(), join.getUser());
        } else if (event instanceof GroupModel.GroupMemberLeaveEvent leave) {
            touch(leave.getKeycloakSession(), leave.getRealm(), leave.getGroup(), leave.getUser());
        }
    }

    private static void touch(KeycloakSession session, RealmModel realm, GroupModel group, UserModel user) {
        new TeamGroupStore(session, realm).teamOfGroup(group.getId())
                .ifPresent(team -> ForwardTracker.touch(session, realm, team, List.of(user.getId())));
    }
}
