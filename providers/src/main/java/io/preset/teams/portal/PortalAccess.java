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

    /** A page of the teams the caller may open, and how many there are. */
    record TeamPage(long total, List<TeamEntity> teams) {
    }

    /**
     * The teams the caller may open: every team of the realm for an operator (a page of them, from the database),
     * else those they administer (a few: paged here).
     */
    static TeamPage teams(TeamStore store, PortalCaller caller, String search, int first, int max) {
        if (caller.operator()) {
            return new TeamPage(store.countTeams(search), store.teams(search, first, max));
        }
        String q = search == null ? "" : search.toLowerCase(java.util.Locale.ROOT);
        List<TeamEntity> mine = TeamAdmins.teamsAdministeredBy(store, caller.user().getId()).stream()
                .filter(t -> t.getSlug().toLowerCase(java.util.Locale.ROOT).contains(q)
                        || (t.getTitle() != null && t.getTitle().toLowerCase(java.util.Locale.ROOT).contains(q)))
                .sorted(java.util.Comparator.comparing(TeamEntity::getSlug)).toList();
        return new TeamPage(mine.size(), mine.stream().skip(first).limit(max).toList());
    }
}
