package io.preset.teams.roles;

import io.preset.teams.team.MemberEntity;

import java.util.List;

/** One kind of role grant (direct assignment, pushed groups, ...). */
public interface RoleGrantSource {

    List<RoleGrant> grantsFor(MemberEntity member);
}
