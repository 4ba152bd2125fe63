package io.preset.teams.roles;

import io.preset.teams.team.MemberEntity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One kind of role grant (direct assignment, pushed groups, ...). */
public interface RoleGrantSource {

    List<RoleGrant> grantsFor(MemberEntity member);

    /**
     * {@link #grantsFor(MemberEntity)} of each of {@code members} (members of one team), by user id: the same grants
     * in the same order. Sources backed by the database answer for a chunk of members in a few queries.
     */
    default Map<String, List<RoleGrant>> grantsForAll(List<MemberEntity> members) {
        Map<String, List<RoleGrant>> out = new HashMap<>();
        for (MemberEntity member : members) {
            out.put(member.getUserId(), grantsFor(member));
        }
        return out;
    }
}
