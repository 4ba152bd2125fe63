package io.preset.teams.auth;

import io.preset.teams.roles.RoleResolver;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;

import java.util.Comparator;
import java.util.List;

/**
 * Who administers which team right now: the effective team role (direct or through a mapped pushed
 * group) of an active membership, computed from the role store at the moment of the question.
 */
public final class TeamAdmins {

    private TeamAdmins() {
    }

    public static boolean isAdmin(TeamStore store, TeamEntity team, String userId) {
        return store.findMember(team, userId)
                .map(member -> RoleResolver.of(store).resolve(member).isTeamAdmin())
                .orElse(false);
    }

    /** The teams of the store's realm that the user administers, by slug. */
    public static List<TeamEntity> teamsAdministeredBy(TeamStore store, String userId) {
        RoleResolver resolver = RoleResolver.of(store);
        String realmId = store.realm().getId();
        return store.membershipsOf(userId).stream()
                .filter(member -> realmId.equals(member.getRealmId()))
                .filter(member -> resolver.resolve(member).isTeamAdmin())
                .map(MemberEntity::getTeam)
                .sorted(Comparator.comparing(TeamEntity::getSlug))
                .toList();
    }
}
