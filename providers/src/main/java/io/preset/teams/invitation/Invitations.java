package io.preset.teams.invitation;

import io.preset.teams.common.DomainException;
import io.preset.teams.forward.ForwardTracker;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.List;
import java.util.Optional;

/**
 * Pending invitations of one realm: a team's membership of an account it does not own, which grants nothing
 * until the account holder accepts it at login or an operator adds the member. The same rules serve the
 * login page and the admin API.
 */
public final class Invitations {

    private final KeycloakSession session;
    private final TeamStore store;

    public Invitations(KeycloakSession session, TeamStore store) {
        this.session = session;
        this.store = store;
    }

    public Invitations(KeycloakSession session, RealmModel realm) {
        this(session, new TeamStore(session, realm));
    }

    /** The account's pending invitations in this realm, oldest first (one query on the (user, pending) index). */
    public List<MemberEntity> pendingOf(String userId) {
        String realmId = store.realm().getId();
        return store.pendingInvitationsOf(userId).stream()
                .filter(member -> realmId.equals(member.getRealmId()))
                .toList();
    }

    public Optional<MemberEntity> find(TeamEntity team, String userId) {
        return store.findMember(team, userId).filter(MemberEntity::isPending);
    }

    public MemberEntity require(TeamEntity team, String userId) {
        return find(team, userId).orElseThrow(() -> DomainException.notFound(
                "No pending invitation of user '" + userId + "' in team '" + team.getSlug() + "'"));
    }

    /**
     * The membership becomes what the team asked for: roles of its direct role and mapped pushed groups count
     * from now on, in this transaction's tokens too, and the forwarder hears of them.
     */
    public void accept(MemberEntity member) {
        store.accept(member);
        ForwardTracker.touch(session, store.realm(), member.getTeam(), List.of(member.getUserId()));
    }

    /**
     * Declined by the account holder or revoked by an operator: the membership and the team's view of the
     * account (its userName spelling, profile, index rows, pushed-group memberships) go, as after a SCIM DELETE,
     * so the team's SCIM answers 404 for the account. Nothing was ever granted, so there is nothing to revoke
     * or forward.
     */
    public void remove(MemberEntity member) {
        new TeamGroupStore(session, store.realm()).leaveTeamGroups(member.getTeam(), member.getUserId());
        store.removeMember(member);
    }
}
