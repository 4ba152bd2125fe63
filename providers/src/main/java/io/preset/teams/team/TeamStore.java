package io.preset.teams.team;

import io.preset.teams.common.DomainException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Teams, workspaces, memberships and direct roles of one realm, in Keycloak's database. */
public class TeamStore {

    /** Ids per IN list of a bulk read. */
    public static final int IN_LIST = 1000;

    private final EntityManager em;
    private final RealmModel realm;

    public TeamStore(KeycloakSession session, RealmModel realm) {
        this(em(session), realm);
    }

    public TeamStore(EntityManager em, RealmModel realm) {
        this.em = em;
        this.realm = realm;
    }

    /** This store's transaction, for another store that reads in it (never for code outside the stores). */
    public EntityManager entityManager() {
        return em;
    }

    public RealmModel realm() {
        return realm;
    }

    /**
     * Locks the membership row (SELECT ... FOR UPDATE) and reloads it, so that concurrent writes of one member are
     * serialized: each sees what the previous one committed.
     */
    public void lock(MemberEntity member) {
        em.refresh(member, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Sends the rest of this transaction's inserts and updates in JDBC batches of {@code size} rows per table. */
    public void batchWrites(int size) {
        em.unwrap(Session.class).setJdbcBatchSize(size);
    }

    // --- teams

    public List<TeamEntity> teams() {
        return em.createNamedQuery("presetTeam.byRealm", TeamEntity.class)
                .setParameter("realmId", realm.getId()).getResultList();
    }

    /** A page of the realm's teams by slug, those whose slug or title contains {@code search} (any case) if given. */
    public List<TeamEntity> teams(String search, int first, int max) {
        return em.createQuery("select t from TeamEntity t where t.realmId = :realmId" + TEAM_SEARCH + " order by t.slug",
                        TeamEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("q", contains(search == null ? "" : search))
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long countTeams(String search) {
        return em.createQuery("select count(t) from TeamEntity t where t.realmId = :realmId" + TEAM_SEARCH, Long.class)
                .setParameter("realmId", realm.getId()).setParameter("q", contains(search == null ? "" : search))
                .getSingleResult();
    }

    private static final String TEAM_SEARCH = " and (lower(t.slug) like :q escape '\\' or lower(t.title) like :q escape '\\')";

    public Optional<TeamEntity> findTeam(String slug) {
        if (!Slugs.isValid(slug)) {
            return Optional.empty();
        }
        return em.createNamedQuery("presetTeam.bySlug", TeamEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("slug", slug)
                .getResultStream().findFirst();
    }

    /**
     * Runs {@code reads} after one flush, with the automatic flush before each query turned off. For a long run of
     * queries in a transaction that meanwhile adds rows none of them reads (the forwarder's diff of a large team):
     * each automatic flush dirty-checks everything loaded so far, so the run cost the square of its size.
     */
    public <T> T readingWithoutAutoFlush(java.util.function.Supplier<T> reads) {
        em.flush();
        FlushModeType before = em.getFlushMode();
        em.setFlushMode(FlushModeType.COMMIT);
        try {
            return reads.get();
        } finally {
            em.setFlushMode(before);
        }
    }

    /** Locks the team's row (SELECT ... FOR UPDATE) until the end of the transaction. */
    public void lockTeam(TeamEntity team) {
        em.lock(team, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The user ids of every member of the team, invited or active. */
    public List<String> memberUserIds(TeamEntity team) {
        return em.createQuery("select m.userId from MemberEntity m where m.team = :team", String.class)
                .setParameter("team", team).getResultList();
    }

    /**
     * Which of {@code userIds} are active members of {@code team} with {@code Admin} as their direct team role or
     * through a pushed group of the team mapped to it (the rule of {@code roles.RoleResolver}, as one query).
     */
    public List<String> activeAdminsAmong(TeamEntity team, Collection<String> userIds) {
        return em.createQuery("select m.userId from MemberEntity m"
                        + " where m.team = :team and m.active = true and m.userId in :ids and (m.teamRole = :admin"
                        + " or exists (select 1 from ScimGroupEntity sg, UserGroupMembershipEntity ugm, GroupRoleEntity gr"
                        + " where sg.teamId = :teamId and ugm.groupId = sg.groupId and ugm.user.id = m.userId"
                        + " and gr.groupId = sg.groupId and gr.teamRole = :admin))", String.class)
                .setParameter("team", team)
                .setParameter("teamId", team.getId())
                .setParameter("admin", TeamRole.Admin)
                .setParameter("ids", userIds)
                .getResultList();
    }

    /** The team of this realm with this id. */
    public Optional<TeamEntity> findTeamById(String teamId) {
        TeamEntity team = teamId == null ? null : em.find(TeamEntity.class, teamId);
        return team != null && team.getRealmId().equals(realm.getId()) ? Optional.of(team) : Optional.empty();
    }

    /** The team with this id in whichever realm, or null: for background work that goes over every realm. */
    public static TeamEntity anyRealmTeam(KeycloakSession session, String teamId) {
        return em(session).find(TeamEntity.class, teamId);
    }

    /** The ids of every team of every realm, for background work. */
    public static List<String> allTeamIds(KeycloakSession session) {
        return em(session).createQuery("select t.id from TeamEntity t", String.class).getResultList();
    }

    /** The realms that hold at least one team. */
    public static List<String> realmIdsWithTeams(KeycloakSession session) {
        return em(session).createQuery("select distinct t.realmId from TeamEntity t", String.class).getResultList();
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public TeamEntity team(String slug) {
        return findTeam(slug).orElseThrow(() -> DomainException.notFound("Team '" + slug + "' not found"));
    }

    public TeamEntity createTeam(String slug, String title) {
        Slugs.require("team slug", slug);
        String cleanTitle = Slugs.requireTitle("Team", title);
        if (findTeam(slug).isPresent()) {
            throw DomainException.conflict("Team '" + slug + "' already exists");
        }
        TeamEntity team = new TeamEntity();
        team.setId(KeycloakModelUtils.generateId());
        team.setRealmId(realm.getId());
        team.setSlug(slug);
        team.setTitle(cleanTitle);
        team.setCreatedAt(System.currentTimeMillis());
        em.persist(team);
        return team;
    }

    public void updateTeam(TeamEntity team, String title) {
        team.setTitle(Slugs.requireTitle("Team", title));
    }

    public void deleteTeam(TeamEntity team) {
        for (MemberEntity member : em.createQuery("select m from MemberEntity m where m.team = :team", MemberEntity.class)
                .setParameter("team", team).getResultList()) {
            removeMember(member);
        }
        for (WorkspaceEntity workspace : workspaces(team)) {
            em.remove(workspace);
        }
        em.remove(team);
    }

    // --- workspaces

    public List<WorkspaceEntity> workspaces(TeamEntity team) {
        return em.createNamedQuery("presetWorkspace.byTeam", WorkspaceEntity.class)
                .setParameter("team", team).getResultList();
    }

    public Optional<WorkspaceEntity> findWorkspace(TeamEntity team, String name) {
        if (!Slugs.isValid(name)) {
            return Optional.empty();
        }
        return em.createNamedQuery("presetWorkspace.byName", WorkspaceEntity.class)
                .setParameter("team", team).setParameter("name", name)
                .getResultStream().findFirst();
    }

    public WorkspaceEntity workspace(TeamEntity team, String name) {
        return findWorkspace(team, name).orElseThrow(() ->
                DomainException.notFound("Workspace '" + name + "' not found in team '" + team.getSlug() + "'"));
    }

    public WorkspaceEntity createWorkspace(TeamEntity team, String name, String title) {
        Slugs.require("workspace name", name);
        String cleanTitle = Slugs.requireTitle("Workspace", title);
        if (findWorkspace(team, name).isPresent()) {
            throw DomainException.conflict("Workspace '" + name + "' already exists in team '" + team.getSlug() + "'");
        }
        WorkspaceEntity workspace = new WorkspaceEntity();
        workspace.setId(KeycloakModelUtils.generateId());
        workspace.setTeam(team);
        workspace.setName(name);
        workspace.setTitle(cleanTitle);
        workspace.setCreatedAt(System.currentTimeMillis());
        em.persist(workspace);
        return workspace;
    }

    public void updateWorkspace(WorkspaceEntity workspace, String title) {
        workspace.setTitle(Slugs.requireTitle("Workspace", title));
    }

    public void deleteWorkspace(WorkspaceEntity workspace) {
        em.createNamedQuery("presetWorkspaceRole.deleteOfWorkspace")
                .setParameter("workspace", workspace).executeUpdate();
        em.remove(workspace);
    }

    /** Resolves workspace names of a request body; an unknown name is the caller's error (400). */
    public Map<WorkspaceEntity, WorkspaceRole> resolveWorkspaceRoles(TeamEntity team, Map<String, WorkspaceRole> byName) {
        Map<WorkspaceEntity, WorkspaceRole> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, WorkspaceRole> entry : byName.entrySet()) {
            WorkspaceEntity workspace = findWorkspace(team, entry.getKey()).orElseThrow(() -> DomainException.invalid(
                    "Unknown workspace '" + entry.getKey() + "' in team '" + team.getSlug() + "'"));
            resolved.put(workspace, entry.getValue());
        }
        return resolved;
    }

    // --- members

    public Optional<MemberEntity> findMember(TeamEntity team, String userId) {
        return em.createNamedQuery("presetMember.byUser", MemberEntity.class)
                .setParameter("team", team).setParameter("userId", userId)
                .getResultStream().findFirst();
    }

    /** The members of the team among {@code userIds}, by user id: {@link #findMember} for many users, in chunks. */
    public Map<String, MemberEntity> findMembers(TeamEntity team, Collection<String> userIds) {
        Map<String, MemberEntity> found = new java.util.HashMap<>();
        List<String> ids = List.copyOf(userIds);
        for (int i = 0; i < ids.size(); i += IN_LIST) {
            for (MemberEntity member : em.createQuery("select m from MemberEntity m where m.team = :team and m.userId in :ids",
                    MemberEntity.class).setParameter("team", team)
                    .setParameter("ids", ids.subList(i, Math.min(ids.size(), i + IN_LIST))).getResultList()) {
                found.put(member.getUserId(), member);
            }
        }
        return found;
    }

    /** The member whose userName, in this team's spelling, is {@code userName} (case-insensitively). */
    public Optional<MemberEntity> findMemberByUserName(TeamEntity team, String userName) {
        return em.createNamedQuery("presetMember.byUserName", MemberEntity.class)
                .setParameter("team", team).setParameter("userNameNorm", userName.toLowerCase(java.util.Locale.ROOT))
                .getResultStream().findFirst();
    }

    public List<MemberEntity> members(TeamEntity team, int first, int max) {
        return em.createNamedQuery("presetMember.page", MemberEntity.class)
                .setParameter("team", team).setFirstResult(first).setMaxResults(max).getResultList();
    }

    /**
     * A page of the members whose userName (the team's own spelling) contains {@code search}, case-insensitively,
     * in the order of {@link #members}; {@code %}, {@code _} and the backslash match themselves. Members without a
     * userName of their own (added by an operator) match no search.
     */
    public List<MemberEntity> searchMembers(TeamEntity team, String search, int first, int max) {
        return em.createQuery("select m from MemberEntity m where m.team = :team and m.userNameNorm like :q escape '\\'"
                        + " order by m.createdAt, m.id", MemberEntity.class)
                .setParameter("team", team).setParameter("q", contains(search))
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long countMembers(TeamEntity team, String search) {
        return em.createQuery("select count(m) from MemberEntity m where m.team = :team and m.userNameNorm like :q escape '\\'",
                Long.class).setParameter("team", team).setParameter("q", contains(search)).getSingleResult();
    }

    private static String contains(String search) {
        String escaped = search.toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    public long countMembers(TeamEntity team) {
        return em.createNamedQuery("presetMember.count", Long.class).setParameter("team", team).getSingleResult();
    }

    public List<MemberEntity> membershipsOf(String userId) {
        return em.createNamedQuery("presetMember.allOfUser", MemberEntity.class)
                .setParameter("userId", userId).getResultList();
    }

    public MemberEntity addMember(TeamEntity team, String userId) {
        return addMember(team, userId, m -> {
        });
    }

    /**
     * {@link #addMember(TeamEntity, String)} with more columns set by {@code before} ahead of the persist:
     * Hibernate inserts the state the row has at {@code persist}, so columns set afterwards cost an UPDATE.
     */
    public MemberEntity addMember(TeamEntity team, String userId, java.util.function.Consumer<MemberEntity> before) {
        MemberEntity member = new MemberEntity();
        member.setId(KeycloakModelUtils.generateId());
        member.setTeam(team);
        member.setRealmId(realm.getId());
        member.setUserId(userId);
        member.setActive(true);
        member.setTeamRole(TeamRole.User);
        long now = System.currentTimeMillis();
        member.setCreatedAt(now);
        member.setLastModified(now);
        member.setVersion(1);
        before.accept(member);
        em.persist(member);
        return member;
    }

    /**
     * A pending invitation of an account the team does not own: the row exists (SCIM shows the user as the team
     * provisioned it) but grants no role and shows in no token until {@link #accept} ({@code requestedActive}
     * is what SCIM asked for, applied then).
     */
    public MemberEntity addInvitation(TeamEntity team, String userId, boolean requestedActive) {
        return addInvitation(team, userId, requestedActive, m -> {
        });
    }

    public MemberEntity addInvitation(TeamEntity team, String userId, boolean requestedActive,
                                      java.util.function.Consumer<MemberEntity> before) {
        return addMember(team, userId, member -> {
            member.setActive(false);
            member.setPending(true);
            member.setRequestedActive(requestedActive);
            member.setInvitedAt(member.getCreatedAt());
            before.accept(member);
        });
    }

    /** The account holder (or an operator) accepts: the membership becomes what the team asked for. */
    public void accept(MemberEntity member) {
        if (member.isPending()) {
            member.setPending(false);
            member.setActive(member.isRequestedActive());
            member.touch();
        }
    }

    public List<MemberEntity> pendingInvitationsOf(String userId) {
        return em.createNamedQuery("presetMember.pendingOfUser", MemberEntity.class)
                .setParameter("userId", userId).getResultList();
    }

    public List<MemberEntity> pendingInvitations(TeamEntity team, int first, int max) {
        return em.createNamedQuery("presetMember.pendingOfTeam", MemberEntity.class)
                .setParameter("team", team).setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long countPendingInvitations(TeamEntity team) {
        return em.createQuery("select count(m) from MemberEntity m where m.team = :team and m.pending = true", Long.class)
                .setParameter("team", team).getSingleResult();
    }

    public Map<WorkspaceEntity, WorkspaceRole> directWorkspaceRoles(MemberEntity member) {
        Map<WorkspaceEntity, WorkspaceRole> roles = new LinkedHashMap<>();
        for (WorkspaceRoleEntity role : em.createNamedQuery("presetWorkspaceRole.ofMember", WorkspaceRoleEntity.class)
                .setParameter("member", member).getResultList()) {
            roles.put(role.getWorkspace(), role.getRole());
        }
        return roles;
    }

    /**
     * {@link #directWorkspaceRoles(MemberEntity)} of many members, in chunks, by member id (a member without direct
     * workspace roles is absent).
     */
    public Map<String, Map<WorkspaceEntity, WorkspaceRole>> directWorkspaceRoles(Collection<MemberEntity> members) {
        Map<String, Map<WorkspaceEntity, WorkspaceRole>> out = new java.util.HashMap<>();
        List<MemberEntity> all = List.copyOf(members);
        for (int i = 0; i < all.size(); i += IN_LIST) {
            for (WorkspaceRoleEntity role : em.createQuery("select r from WorkspaceRoleEntity r join fetch r.workspace"
                            + " where r.member in :members", WorkspaceRoleEntity.class)
                    .setParameter("members", all.subList(i, Math.min(all.size(), i + IN_LIST))).getResultList()) {
                out.computeIfAbsent(role.getMember().getId(), m -> new LinkedHashMap<>()).put(role.getWorkspace(), role.getRole());
            }
        }
        return out;
    }

    /** Replaces the direct roles. {@code PresetNoAccess} is the absence of a role, so it is not stored. */
    public void setDirectRoles(MemberEntity member, TeamRole teamRole, Map<WorkspaceEntity, WorkspaceRole> workspaceRoles) {
        member.setTeamRole(teamRole);
        em.createNamedQuery("presetWorkspaceRole.deleteOfMember").setParameter("member", member).executeUpdate();
        for (Map.Entry<WorkspaceEntity, WorkspaceRole> entry : workspaceRoles.entrySet()) {
            if (entry.getValue() == WorkspaceRole.PresetNoAccess) {
                continue;
            }
            WorkspaceRoleEntity role = new WorkspaceRoleEntity();
            role.setId(KeycloakModelUtils.generateId());
            role.setMember(member);
            role.setWorkspace(entry.getKey());
            role.setRole(entry.getValue());
            em.persist(role);
        }
        member.touch();
    }

    /** Deactivation keeps the membership row but takes every role of the team away. */
    public void deactivate(MemberEntity member) {
        setDirectRoles(member, TeamRole.User, Map.of());
        member.setActive(false);
        member.setRequestedActive(false);
    }

    /** Restores the membership; of a pending invitation only what acceptance will apply. */
    public void activate(MemberEntity member) {
        if (member.isPending()) {
            if (!member.isRequestedActive()) {
                member.setRequestedActive(true);
                member.touch();
            }
        } else if (!member.isActive()) {
            member.setActive(true);
            member.touch();
        }
    }

    public void removeMember(MemberEntity member) {
        em.createNamedQuery("presetWorkspaceRole.deleteOfMember").setParameter("member", member).executeUpdate();
        em.remove(member);
    }

    // --- clean-up driven by Keycloak model events

    public void deleteAllOfUser(String userId) {
        em.createNamedQuery("presetWorkspaceRole.deleteOfUser").setParameter("userId", userId).executeUpdate();
        em.createNamedQuery("presetMember.deleteByUser").setParameter("userId", userId).executeUpdate();
    }

    public static void deleteAllOfRealm(EntityManager em, String realmId) {
        em.createNamedQuery("presetWorkspaceRole.deleteOfRealm").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("presetMember.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
        em.createQuery("delete from WorkspaceEntity w where w.team.id in "
                + "(select t.id from TeamEntity t where t.realmId = :realmId)").setParameter("realmId", realmId).executeUpdate();
        em.createNamedQuery("presetTeam.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

}
