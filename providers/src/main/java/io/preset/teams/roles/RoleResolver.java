package io.preset.teams.roles;

import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * {@link #resolve} of each of {@code members} (members of one team), by user id, asking each source once for all
     * of them: a few queries per chunk of {@link TeamStore#IN_LIST} members instead of a few per member.
     */
    public Map<String, EffectiveRoles> resolveAll(Collection<MemberEntity> members) {
        Map<String, EffectiveRoles> out = new HashMap<>();
        List<MemberEntity> active = new ArrayList<>();
        for (MemberEntity member : members) {
            if (member.isActive()) {
                active.add(member);
            } else {
                out.put(member.getUserId(), EffectiveRoles.none());
            }
        }
        if (active.isEmpty()) {
            return out;
        }
        List<Map<String, List<RoleGrant>>> bySource = new ArrayList<>();
        for (RoleGrantSource source : sources) {
            bySource.add(source.grantsForAll(active));
        }
        for (MemberEntity member : active) {
            List<RoleGrant> grants = new ArrayList<>();
            for (Map<String, List<RoleGrant>> grantsOf : bySource) {
                grants.addAll(grantsOf.getOrDefault(member.getUserId(), List.of()));
            }
            out.put(member.getUserId(), EffectiveRoles.combine(grants));
        }
        return out;
    }
}
