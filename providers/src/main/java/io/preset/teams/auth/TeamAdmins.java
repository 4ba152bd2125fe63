package io.preset.teams.auth;

import io.preset.teams.roles.RoleResolver;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.TeamStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who administers which team right now: the effective team role (direct or through a mapped pushed
 * group) of an active membership, computed from the role store at the moment of the question.
 */
public final class TeamAdmins {

    private static final int CHUNK = 1000;

    private TeamAdmins() {
    }

    public static boolean isAdmin(TeamStore store, TeamEntity team, String userId) {
        return store.findMember(team, userId)
                .map(member -> RoleResolver.of(store).resolve(member).isTeamAdmin())
                .orElse(false);
    }

    /**
     * Which of {@code userIds} administer {@code team} now: the same answer as {@link #isAdmin} per user, in one
     * query per {@value #CHUNK} users instead of several per user (a mapping change of a 10k-member group asks
     * this for every member, twice).
     */
    public static Set<String> adminsAmong(TeamStore store, TeamEntity team, Collection<String> userIds) {
        Set<String> admins = new HashSet<>();
        List<String> ids = new ArrayList<>(userIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            admins.addAll(store.activeAdminsAmong(team, ids.subList(from, Math.min(ids.size(), from + CHUNK))));
        }
        return admins;
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
