package io.preset.teams.store;

import io.preset.teams.auth.ScimTokenEntity;
import io.preset.teams.forward.ForwardStateEntity;
import io.preset.teams.forward.OutboxEntity;
import io.preset.teams.group.GroupRoleEntity;
import io.preset.teams.group.GroupWorkspaceRoleEntity;
import io.preset.teams.group.ScimGroupEntity;
import io.preset.teams.ownership.EmailDomainEntity;
import io.preset.teams.scim.log.ProvisioningLogEntity;
import io.preset.teams.scim.user.ScimAccountEntity;
import io.preset.teams.scim.user.ScimValueEntity;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.WorkspaceEntity;
import io.preset.teams.team.WorkspaceRoleEntity;

import java.util.List;

/** Every JPA entity of the extension; a new entity must be listed here and in the changelog. */
final class TeamsEntities {

    static final List<Class<?>> ALL = List.of(
            TeamEntity.class,
            WorkspaceEntity.class,
            MemberEntity.class,
            WorkspaceRoleEntity.class,
            ScimAccountEntity.class,
            ScimValueEntity.class,
            ScimGroupEntity.class,
            GroupRoleEntity.class,
            GroupWorkspaceRoleEntity.class,
            ScimTokenEntity.class,
            ForwardStateEntity.class,
            OutboxEntity.class,
            EmailDomainEntity.class,
            ProvisioningLogEntity.class);

    private TeamsEntities() {
    }
}
