package io.preset.teams.roles;

import io.preset.teams.group.GroupRoleEntity;
import io.preset.teams.group.GroupWorkspaceRoleEntity;
import io.preset.teams.group.ScimGroupEntity;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.TeamStore;
import io.preset.teams.team.WorkspaceEntity;
import io.preset.teams.team.WorkspaceRole;
import io.preset.teams.team.WorkspaceRoleEntity;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.models.jpa.entities.GroupEntity;
import org.keycloak.models.jpa.entities.UserEntity;
import org.keycloak.models.jpa.entities.UserGroupMembershipEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bulk role resolution the forwarder uses ({@link RoleResolver#resolveAll}) against the per-member one
 * ({@link RoleResolver#resolve}) on a real database (H2): for every member of a team with direct roles, pushed
 * groups with and without mappings, a group of another team, inactive members and more members than one IN list
 * holds, the same effective roles with the same sources in the same order, also with a mapping change previewed.
 */
class BulkRoleResolutionTest {

    private static final int MEMBERS = TeamStore.IN_LIST + 345;
    private static final String[] WORKSPACES = {"analytics", "sales", "zeta"};
    private static SessionFactory sessions;

    @BeforeAll
    static void database() {
        Configuration cfg = new Configuration()
                .setProperty("hibernate.connection.url", "jdbc:h2:mem:bulkroles;DB_CLOSE_DELAY=-1")
                .setProperty("hibernate.connection.username", "sa")
                .setProperty("hibernate.connection.password", "")
                .setProperty("hibernate.hbm2ddl.auto", "create-drop");
        for (Class<?> c : List.of(TeamEntity.class, MemberEntity.class, WorkspaceEntity.class, WorkspaceRoleEntity.class,
                ScimGroupEntity.class, GroupRoleEntity.class, GroupWorkspaceRoleEntity.class, GroupEntity.class,
                org.keycloak.models.jpa.entities.GroupAttributeEntity.class,
                org.keycloak.models.jpa.entities.OrganizationEntity.class,
                org.keycloak.models.jpa.entities.OrganizationDomainEntity.class,
                UserEntity.class, org.keycloak.models.jpa.entities.UserAttributeEntity.class,
                org.keycloak.models.jpa.entities.UserRequiredActionEntity.class,
                org.keycloak.models.jpa.entities.CredentialEntity.class,
                org.keycloak.models.jpa.entities.FederatedIdentityEntity.class, UserGroupMembershipEntity.class)) {
            cfg.addAnnotatedClass(c);
        }
        sessions = cfg.buildSessionFactory();
        sessions.inTransaction(s -> {
            Random random = new Random(16);
            TeamEntity team = team("t1");
            TeamEntity other = team("t2");
            s.persist(team);
            s.persist(other);
            List<WorkspaceEntity> workspaces = new ArrayList<>();
            for (String name : WORKSPACES) {
                WorkspaceEntity w = new WorkspaceEntity();
                w.setId("w-" + name);
                w.setTeam(team);
                w.setName(name);
                w.setTitle(name);
                s.persist(w);
                workspaces.add(w);
            }
            // g0 Admin + analytics, g1 sales only, g2 User only, g3 pushed without mapping, g4 not pushed, g5 of t2
            String[] names = {"Beta", "alpha", "Alpha", "gamma", "not pushed", "other team"};
            for (int g = 0; g < names.length; g++) {
                GroupEntity group = new GroupEntity();
                group.setId("g" + g);
                group.setName(names[g]);
                group.setRealm("realm");
                s.persist(group);
                if (g != 4) {
                    ScimGroupEntity pushed = new ScimGroupEntity();
                    pushed.setGroupId("g" + g);
                    pushed.setTeamId(g == 5 ? "t2" : "t1");
                    s.persist(pushed);
                }
            }
            mapping(s, "g0", g0 -> g0.setTeamRole(TeamRole.Admin));
            workspaceRole(s, "g0", workspaces.get(0), WorkspaceRole.PresetAlpha);
            workspaceRole(s, "g1", workspaces.get(1), WorkspaceRole.PresetGamma);
            workspaceRole(s, "g1", workspaces.get(2), WorkspaceRole.PresetReportsOnly);
            mapping(s, "g2", g2 -> g2.setTeamRole(TeamRole.User));
            mapping(s, "g4", g4 -> g4.setTeamRole(TeamRole.Admin));
            mapping(s, "g5", g5 -> g5.setTeamRole(TeamRole.Admin));
            for (int i = 0; i < MEMBERS; i++) {
                UserEntity user = new UserEntity();
                user.setId(String.format("u%05d", i));
                user.setUsername("user" + i);
                user.setRealmId("realm");
                s.persist(user);
                MemberEntity member = new MemberEntity();
                member.setId("m" + i);
                member.setTeam(team);
                member.setRealmId("realm");
                member.setUserId(user.getId());
                member.setActive(i % 17 != 3);
                member.setTeamRole(i % 5 == 0 ? TeamRole.Admin : TeamRole.User);
                member.setUserName("user" + i);
                s.persist(member);
                for (WorkspaceEntity w : workspaces) {
                    if (random.nextInt(3) == 0) {
                        WorkspaceRoleEntity role = new WorkspaceRoleEntity();
                        role.setId("r" + i + w.getName());
                        role.setMember(member);
                        role.setWorkspace(w);
                        role.setRole(WorkspaceRole.values()[random.nextInt(WorkspaceRole.values().length)]);
                        s.persist(role);
                    }
                }
                for (int g = 0; g < names.length; g++) {
                    if (random.nextInt(3) == 0) {
                        UserGroupMembershipEntity membership = new UserGroupMembershipEntity();
                        membership.setUser(user);
                        membership.setGroupId("g" + g);
                        membership.setMembershipType(org.keycloak.representations.idm.MembershipType.UNMANAGED);
                        s.persist(membership);
                    }
                }
            }
        });
    }

    @AfterAll
    static void close() {
        sessions.close();
    }

    private static TeamEntity team(String id) {
        TeamEntity team = new TeamEntity();
        team.setId(id);
        team.setRealmId("realm");
        team.setSlug(id);
        team.setTitle(id);
        return team;
    }

    private static void mapping(org.hibernate.Session s, String groupId, java.util.function.Consumer<GroupRoleEntity> how) {
        GroupRoleEntity role = new GroupRoleEntity();
        role.setGroupId(groupId);
        role.setTeamId(groupId.equals("g5") ? "t2" : "t1");
        how.accept(role);
        s.persist(role);
    }

    private static void workspaceRole(org.hibernate.Session s, String groupId, WorkspaceEntity w, WorkspaceRole r) {
        GroupWorkspaceRoleEntity role = new GroupWorkspaceRoleEntity();
        role.setId(groupId + w.getName());
        role.setGroupId(groupId);
        role.setWorkspace(w);
        role.setRole(r);
        s.persist(role);
    }

    private static Map<String, Object> view(EffectiveRoles roles) {
        return Map.of("team", String.valueOf(roles.teamRole()), "workspaces", roles.workspaceRoles());
    }

    private static void sameAsPerMember(TeamStore store, RoleResolver resolver) {
        TeamEntity team = store.entityManager().find(TeamEntity.class, "t1");
        List<String> userIds = new ArrayList<>(store.memberUserIds(team));
        userIds.add("not-a-member");
        Map<String, MemberEntity> members = store.findMembers(team, userIds);
        assertEquals(MEMBERS, members.size());
        Map<String, EffectiveRoles> bulk = resolver.resolveAll(members.values());
        int admins = 0;
        for (String userId : userIds) {
            EffectiveRoles one = resolver.resolve(store.findMember(team, userId).orElse(null));
            EffectiveRoles many = bulk.getOrDefault(userId, EffectiveRoles.none());
            assertEquals(view(one), view(many), userId);
            admins += one.isTeamAdmin() ? 1 : 0;
        }
        org.junit.jupiter.api.Assertions.assertTrue(admins > 0 && admins < MEMBERS, "a mix of roles: " + admins);
    }

    @Test
    void bulkResolutionEqualsPerMemberResolution() {
        sessions.inTransaction(s -> {
            TeamStore store = new TeamStore(s, null);
            sameAsPerMember(store, RoleResolver.of(store));
        });
    }

    @Test
    void bulkResolutionEqualsPerMemberResolutionWithAMappingPreviewed() {
        sessions.inTransaction(s -> {
            TeamStore store = new TeamStore(s, null);
            sameAsPerMember(store, new RoleResolver(List.of(new DirectGrants(store), new GroupGrantOverride(
                    new GroupGrantStore(store), "g1", "alpha", TeamRole.Admin, Map.of("zeta", WorkspaceRole.PresetAlpha)))));
        });
    }
}
