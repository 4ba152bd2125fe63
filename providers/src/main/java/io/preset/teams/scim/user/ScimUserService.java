package io.preset.teams.scim.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.auth.AdminRevocation;
import io.preset.teams.forward.ForwardTracker;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.scim.request.ScimRequest;
import io.preset.teams.scim.group.UserGroups;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.ownership.AccountOwner;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import io.preset.teams.ownership.EmailDomainStore;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

import java.util.List;
import java.util.function.Consumer;

/**
 * The team semantics of SCIM Users: a user is a Keycloak account, {@code active} is the membership of this
 * team, and each team sees and writes its own view of the account (its userName spelling, the profile it
 * sent). Only the account's owner ({@link AccountOwner}) also writes the Keycloak account; an account the
 * team does not own joins as a pending invitation. No answer tells whether a userName or email exists
 * outside this team. {@code password} is never stored.
 */
public class ScimUserService {

    /** JDBC batch size of a create's flush: a profile has a few dozen index rows at most. */
    static final int JDBC_BATCH = 50;

    private final ScimRequest request;
    private final RealmModel realm;
    private final UserProvider users;
    private final TeamStore teams;
    private final ScimUserStore accounts;

    public ScimUserService(ScimRequest request) {
        this.request = request;
        this.realm = request.realm();
        this.users = request.session().users();
        this.teams = request.store();
        this.accounts = new ScimUserStore(request.session());
    }

    /** A member of this team as SCIM JSON; 404 for anyone else, exactly as if they did not exist. */
    public ObjectNode get(String userId) {
        return represent(member(userId));
    }

    public MemberEntity member(String userId) {
        return teams.findMember(request.team(), userId)
                .orElseThrow(() -> ScimException.notFound("User '" + userId + "' not found"));
    }

    /**
     * Locks this team's membership row of the user (SELECT ... FOR UPDATE) and reloads it, so that concurrent
     * writes of one user are serialized: each sees the state the previous one committed (no lost update, and
     * {@code meta.lastModified} and {@code meta.version} follow commit order).
     */
    public MemberEntity lockMember(String userId) {
        MemberEntity member = member(userId);
        teams.lock(member);
        return member;
    }

    public ObjectNode create(ObjectNode body) {
        UserDocument doc = UserDocument.parse(body);
        TeamEntity team = request.team();
        AccountMirror mirror = mirror();
        UserModel user;
        if (mirror.accountsAllLocal()) {
            // this team's member, the realm's account, the domains' verifying teams, the email's account: one query
            String email = doc.primaryEmail().orElse(null);
            String nameDomain = EmailDomainStore.domainOf(doc.userName());
            String emailDomain = EmailDomainStore.domainOf(email);
            ScimUserStore.CreateProbe found = accounts.probeCreate(realm.getId(), team.getId(), doc.userName(),
                    nameDomain, email, emailDomain);
            if (found.memberWithUserName() != null) {
                throw alreadyMember(doc.userName());
            }
            mirror.knownDomain(nameDomain, found.userNameDomainTeam());
            mirror.knownDomain(emailDomain, found.emailDomainTeam());
            mirror.knownEmailHolder(email, found.accountWithEmail());
            user = found.accountWithUserName() == null ? null : users.getUserById(realm, found.accountWithUserName());
        } else {
            if (teams.findMemberByUserName(team, doc.userName()).isPresent()) {
                throw alreadyMember(doc.userName());
            }
            user = users.getUserByUsername(realm, doc.userName());
        }
        boolean requestedActive = !Boolean.FALSE.equals(doc.active());
        // the columns this team sent go into the membership row's INSERT (none set later: no UPDATE)
        ObjectNode profile = doc.profile();
        Consumer<MemberEntity> sent = m -> {
            m.setUserName(doc.userName());
            m.setExternalId(doc.externalId());
            ScimUserStore.profileColumns(m, profile);
        };
        MemberEntity member;
        boolean newAccount = user == null;
        if (user != null) {
            if (teams.findMember(team, user.getId()).isPresent()) {
                // the same account under another of this team's spellings: this team's own data, no probe
                throw alreadyMember(doc.userName());
            }
            if (team.getId().equals(AccountOwner.ownerTeamId(request.session(), realm, user))) {
                mirror.write(user, doc);
                member = teams.addMember(team, user.getId(), sent);
            } else {
                member = teams.addInvitation(team, user.getId(), requestedActive, sent);
                request.trail().invitationPending();
            }
        } else {
            // decided before the account is inserted, so that no look-up flushes it early (one INSERT, no UPDATE)
            boolean foreign = mirror.foreignDomain(doc.userName());
            String email = foreign ? null : mirror.emailForNewAccount(doc);
            user = users.addUser(realm, doc.userName());
            user.setEnabled(true);
            accounts.create(user.getId(), realm.getId(), doc.userName(), team.getId(), true);
            if (foreign) {
                // a new account in a domain another team verified: that team owns it, this one is invited
                member = teams.addInvitation(team, user.getId(), requestedActive, sent);
                request.trail().invitationPending();
            } else {
                mirror.apply(user, doc, email);
                member = teams.addMember(team, user.getId(), sent);
            }
        }
        // a new membership: no index rows to delete, so no query runs (and forces a flush) before the commit
        accounts.indexProfile(member, profile, true);
        if (!requestedActive) {
            teams.deactivate(member);
        }
        ForwardTracker.touch(request.session(), realm, team, List.of(user.getId()));
        // the rows of this create go to the database in batches at the commit's flush (the index rows in one)
        teams.batchWrites(JDBC_BATCH);
        // a brand-new account is in no group yet: no query for them
        return newAccount ? UserRepresentation.build(member, null, null, request.location("/Users", user.getId()))
                : represent(member);
    }

    /** PUT: replaces this team's view; the Keycloak account follows only when this team owns it. */
    public ObjectNode replace(String userId, ObjectNode body) {
        MemberEntity member = member(userId);
        UserModel user = user(userId);
        UserDocument doc = UserDocument.parse(body);
        if (!doc.userName().equalsIgnoreCase(member.getUserName())) {
            teams.findMemberByUserName(request.team(), doc.userName())
                    .filter(other -> !other.getId().equals(member.getId()))
                    .ifPresent(other -> {
                        throw alreadyMember(doc.userName());
                    });
        }
        if (request.team().getId().equals(AccountOwner.ownerTeamId(request.session(), realm, user))) {
            AccountMirror mirror = mirror();
            mirror.rename(user, doc.userName());
            mirror.write(user, doc);
        }
        member.setUserName(doc.userName());
        accounts.writeProfile(member, doc.profile(), false);
        member.setExternalId(doc.externalId());
        if (Boolean.FALSE.equals(doc.active()) && member.isScimActive()) {
            AdminRevocation revocation = AdminRevocation.watch(request.session(), realm, request.team(), List.of(userId));
            teams.deactivate(member);
            revocation.afterChange();
        } else if (Boolean.TRUE.equals(doc.active()) && !member.isScimActive()) {
            teams.activate(member);
        }
        ForwardTracker.touch(request.session(), realm, request.team(), List.of(userId));
        member.touch();
        return represent(member);
    }

    /** DELETE: the membership goes; the account too when SCIM created it and no team is left. */
    public void delete(String userId) {
        MemberEntity member = member(userId);
        AdminRevocation revocation = AdminRevocation.watch(request.session(), realm, request.team(), List.of(userId));
        new TeamGroupStore(request.session(), realm).leaveTeamGroups(request.team(), userId);
        teams.removeMember(member);
        revocation.afterChange();
        ForwardTracker.touch(request.session(), realm, request.team(), List.of(userId));
        ScimAccountEntity account = accounts.find(userId);
        if (account != null && account.isCreatedByScim() && teams.membershipsOf(userId).isEmpty()) {
            UserModel user = users.getUserById(realm, userId);
            if (user != null) {
                users.removeUser(realm, user);
            }
        }
    }

    ObjectNode represent(MemberEntity member) {
        var groups = UserGroups.of(new TeamGroupStore(request.session(), realm), request.team(), java.util.List.of(member.getUserId()),
                id -> request.location("/Groups", id)).get(member.getUserId());
        String fallback = member.getUserName() != null ? null : user(member.getUserId()).getUsername();
        return UserRepresentation.build(member, fallback, groups, request.location("/Users", member.getUserId()));
    }

    private static ScimException alreadyMember(String userName) {
        return ScimException.uniqueness("userName '" + userName + "' is already a member of this team");
    }

    private AccountMirror mirror() {
        return new AccountMirror(realm, users, new EmailDomainStore(request.session()), request.team().getId());
    }

    private UserModel user(String userId) {
        UserModel user = users.getUserById(realm, userId);
        if (user == null) {
            throw ScimException.notFound("User '" + userId + "' not found");
        }
        return user;
    }
}
