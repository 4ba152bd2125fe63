package io.preset.teams.roles;

import io.preset.teams.team.TeamRole;
import io.preset.teams.team.WorkspaceRole;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preview of a group mapping change: the group's grant replaced, the rest kept, and the per-role difference. */
class RoleChangePreviewTest {

    private static final RoleGrant DIRECT = new RoleGrant(RoleSource.DIRECT, null, null, TeamRole.User,
            Map.of("sales", WorkspaceRole.PresetGamma));
    private static final RoleGrant ENGINEERING = new RoleGrant(RoleSource.GROUP, "g1", "Engineering", TeamRole.Admin,
            Map.of("analytics", WorkspaceRole.PresetAlpha));
    private static final RoleGrant FINANCE = new RoleGrant(RoleSource.GROUP, "g2", "Finance", null,
            Map.of("analytics", WorkspaceRole.PresetReportsOnly));

    private static EffectiveRoles resolve(RoleGrantSource... sources) {
        List<RoleGrant> grants = new java.util.ArrayList<>();
        for (RoleGrantSource source : sources) {
            grants.addAll(source.grantsFor(null));
        }
        return EffectiveRoles.combine(grants);
    }

    @Test
    void replacingAGroupsMappingKeepsWhatOtherSourcesGrant() {
        RoleGrantSource direct = member -> List.of(DIRECT);
        RoleGrantSource groups = member -> List.of(ENGINEERING, FINANCE);
        EffectiveRoles before = resolve(direct, groups);
        EffectiveRoles after = resolve(direct, new GroupGrantOverride(groups, "g1", "Engineering", null, Map.of()));

        assertEquals(List.of(new RoleDiff.Change(null, "Admin", "User"),
                new RoleDiff.Change("analytics", "PresetAlpha", "PresetReportsOnly")), RoleDiff.between(before, after));
        assertTrue(before.isTeamAdmin());
        assertEquals("User", after.teamRole().role(), "the direct role stays");
        assertEquals("PresetGamma", after.workspaceRoles().get("sales").role());
    }

    @Test
    void aGroupThatGrantedNothingNowGrantsItsNewRoles() {
        RoleGrantSource direct = member -> List.of(DIRECT);
        RoleGrantSource none = member -> List.of();
        EffectiveRoles before = resolve(direct, none);
        EffectiveRoles after = resolve(direct, new GroupGrantOverride(none, "g1", "Engineering", TeamRole.Admin,
                Map.of("analytics", WorkspaceRole.PresetAlpha)));

        assertEquals(List.of(new RoleDiff.Change(null, "User", "Admin"),
                new RoleDiff.Change("analytics", null, "PresetAlpha")), RoleDiff.between(before, after));
        assertTrue(after.teamRole().sources().contains(RoleSource.group("g1", "Engineering", "Admin")), after.teamRole()::toString);
    }

    @Test
    void aLowerRoleThanAnotherGrantChangesNothing() {
        RoleGrantSource groups = member -> List.of(ENGINEERING, FINANCE);
        EffectiveRoles before = resolve(groups);
        EffectiveRoles after = resolve(new GroupGrantOverride(groups, "g2", "Finance", TeamRole.User,
                Map.of("analytics", WorkspaceRole.PresetBeta)));

        assertEquals(List.of(), RoleDiff.between(before, after));
    }

    @Test
    void anInactiveMemberHasNoRolesBeforeOrAfter() {
        assertEquals(List.of(), RoleDiff.between(EffectiveRoles.none(), EffectiveRoles.none()));
    }
}
