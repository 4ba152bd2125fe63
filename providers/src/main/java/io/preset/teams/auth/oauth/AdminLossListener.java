package io.preset.teams.auth.oauth;

import io.preset.teams.auth.AdminRevocation;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.TeamStore;
import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

import java.util.List;

/**
 * A user who leaves a pushed group mapped to team role {@code Admin} (SCIM group PATCH or PUT, the
 * admin console, Keycloak's admin REST API) and is thereby no longer an administrator of the team
 * loses their Okta grants at once. Keycloak fires the event after the membership row is gone.
 */
class AdminLossListener implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(AdminLossListener.class);

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof GroupModel.GroupMemberLeaveEvent leave) {
            try {
                onLeave(leave.getKeycloakSession(), leave.getRealm(), leave.getGroup(), leave.getUser());
            } catch (RuntimeException e) {
                // never fail the membership change; the client policy still refuses refreshes
                LOG.warnf(e, "Could not check the admin rights of user %s after leaving group %s",
                        leave.getUser().getId(), leave.getGroup().getId());
            }
        }
    }

    private static void onLeave(KeycloakSession session, RealmModel realm, GroupModel group, UserModel user) {
        TeamGroupStore groups = new TeamGroupStore(session, realm);
        TeamEntity team = groups.teamOfGroup(group.getId()).orElse(null);
        if (team == null || groups.mapping(group.getId()).teamRole() != TeamRole.Admin) {
            return;
        }
        TeamStore store = new TeamStore(session, realm);
        MemberEntity member = store.findMember(team, user.getId()).orElse(null);
        if (member == null || !member.isActive()) {
            return; // had no admin rights through the group
        }
        // was an admin through this group; still one through another source?
        AdminRevocation.afterChange(session, realm, team, List.of(user.getId()));
    }
}
