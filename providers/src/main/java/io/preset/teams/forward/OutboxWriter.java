package io.preset.teams.forward;

import io.preset.teams.roles.EffectiveRoles;
import io.preset.teams.roles.RoleResolver;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamRole;
import io.preset.teams.team.TeamStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Brings a team's outbox in line with its members' effective roles, inside the caller's transaction:
 * diff(effective roles now, forward state) becomes outbox rows, and the state moves on. The team row
 * is locked first, so that two transactions of the same team never diff against the same state.
 */
public final class OutboxWriter {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OutboxStore outbox;
    private final TeamStore store;

    public OutboxWriter(KeycloakSession session, RealmModel realm, TeamStore store) {
        this.session = session;
        this.realm = realm;
        this.store = store;
        this.outbox = new OutboxStore(session);
    }

    /**
     * @param userIds the users whose roles may have changed, or null for every member and every user
     *                the target knows of
     * @return the number of rows enqueued
     */
    public int sync(TeamEntity team, ForwardConfig config, Collection<String> userIds) {
        store.lockTeam(team);
        Map<String, ForwardStateEntity> states = new HashMap<>();
        TreeSet<String> users = new TreeSet<>();
        if (userIds == null) {
            outbox.statesOfTeam(team).forEach(s -> states.put(s.getUserId(), s));
            users.addAll(states.keySet());
            users.addAll(store.memberUserIds(team));
        } else {
            users.addAll(userIds);
            outbox.statesOfUsers(team, new ArrayList<>(users)).forEach(s -> states.put(s.getUserId(), s));
        }
        RoleResolver resolver = RoleResolver.of(store);
        long now = System.currentTimeMillis();
        // the reads below see the change being forwarded (flushed once before them) and never the outbox rows and
        // states they add, so no query needs the automatic flush that would dirty-check all of them each time
        return store.readingWithoutAutoFlush(() -> {
            int enqueued = 0;
            // effective roles a chunk of users at a time: a few queries per chunk, not a few per user
            List<String> ordered = new ArrayList<>(users);
            for (int from = 0; from < ordered.size(); from += TeamStore.IN_LIST) {
                List<String> chunk = ordered.subList(from, Math.min(ordered.size(), from + TeamStore.IN_LIST));
                Map<String, MemberEntity> members = store.findMembers(team, chunk);
                Map<String, EffectiveRoles> roles = resolver.resolveAll(members.values());
                for (String userId : chunk) {
                    EffectiveRoles effective = roles.getOrDefault(userId, EffectiveRoles.none());
                    enqueued += enqueue(team, config, userId, RoleState.of(effective), states.get(userId), now);
                }
            }
            return enqueued;
        });
    }

    /** The calls that bring the target from {@code state} to {@code after}, and the state moved on; their number. */
    private int enqueue(TeamEntity team, ForwardConfig config, String userId, RoleState after, ForwardStateEntity state,
                        long now) {
        RoleState before = state == null ? RoleState.NONE
                : RoleState.decode(state.getTeamRole() == null ? null : TeamRole.valueOf(state.getTeamRole()),
                state.getWorkspaceRoles());
        if (before.equals(after)) {
            return 0;
        }
        // a member keeps the key the target knows them by; a (re)joining user gets today's
        String key = before.isMember() && state.getRemoteKey() != null ? state.getRemoteKey() : currentKey(userId, config);
        if (key == null) {
            return 0; // a deleted user the target never heard of
        }
        if (state == null) {
            state = newState(team, userId);
        }
        int enqueued = 0;
        for (RemoteCall call : CallPlanner.plan(before, after, config.names(key))) {
            outbox.add(row(team, userId, state.getLastSeq() + 1, call, now));
            state.setLastSeq(state.getLastSeq() + 1);
            enqueued++;
        }
        state.setRemoteKey(key);
        state.setTeamRole(after.teamRole() == null ? null : after.teamRole().name());
        state.setWorkspaceRoles(after.encodeWorkspaces());
        return enqueued;
    }

    private String currentKey(String userId, ForwardConfig config) {
        UserModel user = session.users().getUserById(realm, userId);
        return user == null ? null : RemoteUserKeys.of(user, config.userKey());
    }

    private ForwardStateEntity newState(TeamEntity team, String userId) {
        ForwardStateEntity state = new ForwardStateEntity();
        state.setId(KeycloakModelUtils.generateId());
        state.setRealmId(realm.getId());
        state.setTeamId(team.getId());
        state.setUserId(userId);
        state.setLastSeq(0);
        outbox.add(state);
        return state;
    }

    private OutboxEntity row(TeamEntity team, String userId, long seq, RemoteCall call, long now) {
        OutboxEntity row = new OutboxEntity();
        row.setId(KeycloakModelUtils.generateId());
        row.setRealmId(realm.getId());
        row.setTeamId(team.getId());
        row.setUserId(userId);
        row.setSeq(seq);
        row.setMethod(call.method());
        row.setPath(call.path());
        row.setBody(call.body());
        row.setState(OutboxEntity.PENDING);
        row.setAttempts(0);
        row.setCreatedAt(now);
        row.setNextAttemptAt(now);
        return row;
    }
}
