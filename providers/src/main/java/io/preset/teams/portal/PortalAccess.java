package io.preset.teams.portal;

import io.preset.teams.auth.CallerRefused;
import io.preset.teams.auth.TeamAdmins;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;

import java.util.List;
import java.util.Optional;

/**
 * Who may see and change a team in the portal: an active {@code Admin} of the team at the moment of the request
 * (directly or through a mapped pushed group, as {@link TeamAdmins} computes it), or a realm operator with
 * {@code manage-users}. Anyone else gets the same 403 whether the team exists or not, so the portal does not
 * tell which teams exist.
 */
final class PortalAccess {

    private PortalAccess() {
    }

    static TeamEntity team(TeamStore store, PortalCaller caller, String slug) {
        Optional<TeamEntity> team = store.findTeam(slug);
        if (caller.operator()) {
            return store.team(slug); // the admin API's 404 for an unknown team
        }
        if (team.isPresent() && TeamAdmins.isAdmin(store, team.get(), caller.user().getId())) {
            return team.get();
        }
        throw CallerRefused.forbidden("You (" + caller.user().getUsername() + ") are not an active Admin of team '"
                + slug + "'. Only the team's Admins can use its portal: ask one of them, or your Okta or Entra"
                + " administrator, for the team role Admin.");
    }

    /** The teams the caller may open: every team of the realm for an operator, else those they administer. */
    static List<TeamEntity> teams(TeamStore store, PortalCaller caller) {
        return caller.operator() ? store.teams() : TeamAdmins.teamsAdministeredBy(store, caller.user().getId());
    }
}
