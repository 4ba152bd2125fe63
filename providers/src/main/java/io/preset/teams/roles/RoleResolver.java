package io.preset.teams.roles;

import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes effective roles from their sources when asked, inside the caller's transaction, so that
 * every change (SCIM, admin console, admin REST) is reflected at once without a stored copy to keep
 * in step.
 */
public class RoleResolver {

    private final List<RoleGrantSource> sources;

    public RoleResolver(List<RoleGrantSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public static RoleResolver of(TeamStore store) {
        return new RoleResolver(List.of(new DirectGrants(store), new GroupGrantStore(store)));
    }

    public EffectiveRoles resolve(MemberEntity member) {
        if (member == null || !member.isActive()) {
            return EffectiveRoles.none();
        }
        List<RoleGrant> grants = new ArrayList<>();
        for (RoleGrantSource source : sources) {
            grants.addAll(source.grantsFor(member));
        }
        return EffectiveRoles.combine(grants);
    }
}
