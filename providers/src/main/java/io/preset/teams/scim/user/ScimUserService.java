package io.preset.teams.scim.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.auth.AdminRevocation;
import io.preset.teams.forward.ForwardTracker;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.scim.ScimRequest;
import io.preset.teams.scim.group.UserGroups;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamStore;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

import java.util.List;

/**
 * The team semantics of SCIM Users (see CONTRACT.md): a user is a Keycloak account, {@code active} is
 * the membership of this team, profile attributes belong to the owning team, {@code password} is
 * never stored.
 */
public class ScimUserService {

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
        this.accounts = new ScimUserStore(request.em());
    }

    /** A member of this team as SCIM JSON; 404 for anyone else, exactly as if they did not exist. */
    public ObjectNode get(String userId) {
        MemberEntity member = member(userId);
        return represent(member, account(userId));
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
        request.em().refresh(member, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return member;
    }

    public ObjectNode create(ObjectNode body) {
        UserDocument doc = UserDocument.parse(body);
        UserModel user = users.getUserByUsername(realm, doc.userName());
        ScimAccountEntity account;
        if (user != null) {
            if (teams.findMember(request.team(), user.getId()).isPresent()) {
                throw ScimException.uniqueness("userName '" + doc.userName() + "' is already a member of this team");
            }
            account = accounts.find(user.getId());
            if (account == null) {
                account = accounts.create(user.getId(), realm.getId(), doc.userName(), null, false);
            } else if (isOwner(account)) {
                writeProfile(user, account, doc);
            }
        } else {
            requireFreeEmail(doc, null);
            user = users.addUser(realm, doc.userName());
            user.setEnabled(true);
            mirrorProfile(user, doc);
            // a brand-new account: no index rows to delete and no other team to bump, so no query runs (and forces
            // a flush) between these writes and the commit, which then sends each row once
            account = accounts.createWithProfile(user.getId(), realm.getId(), doc.userName(), request.team().getId(),
                    doc.profile());
        }
        MemberEntity member = teams.addMember(request.team(), user.getId());
        member.setExternalId(doc.externalId());
        if (Boolean.FALSE.equals(doc.active())) {
            teams.deactivate(member);
        }
        ForwardTracker.touch(request.session(), realm, request.team(), List.of(user.getId()));
        return represent(member, account);
    }

    /** PUT: replaces what this team may write; profile writes of a non-owning team are ignored. */
    public ObjectNode replace(String userId, ObjectNode body) {
        MemberEntity member = member(userId);
        UserModel user = user(userId);
        UserDocument doc = UserDocument.parse(body);
        ScimAccountEntity account = account(userId);
        if (account == null) {
            account = accounts.create(userId, realm.getId(), doc.userName(), null, false);
        }
        if (isOwner(account)) {
            if (!doc.userName().equals(account.getUserName())) {
                rename(user, account, doc.userName());
            }
            writeProfile(user, account, doc);
        }
        member.setExternalId(doc.externalId());
        if (Boolean.FALSE.equals(doc.active()) && member.isActive()) {
            AdminRevocation revocation = AdminRevocation.watch(request.session(), realm, request.team(), List.of(userId));
            teams.deactivate(member);
            revocation.afterChange();
        } else if (Boolean.TRUE.equals(doc.active()) && !member.isActive()) {
            teams.activate(member);
        }
        ForwardTracker.touch(request.session(), realm, request.team(), List.of(userId));
        member.touch();
        return represent(member, account);
    }

    /** DELETE: the membership goes; the account too when SCIM created it and no team is left. */
    public void delete(String userId) {
        MemberEntity member = member(userId);
        AdminRevocation revocation = AdminRevocation.watch(request.session(), realm, request.team(), List.of(userId));
        new TeamGroupStore(request.session(), realm).leaveTeamGroups(request.team(), userId);
        teams.removeMember(member);
        revocation.afterChange();
        ForwardTracker.touch(request.session(), realm, request.team(), List.of(userId));
        ScimAccountEntity account = account(userId);
        if (account != null && account.isCreatedByScim() && teams.membershipsOf(userId).isEmpty()) {
            UserModel user = users.getUserById(realm, userId);
            if (user != null) {
                users.removeUser(realm, user);
            }
        }
    }

    ObjectNode represent(MemberEntity member, ScimAccountEntity account) {
        UserModel user = user(member.getUserId());
        var groups = UserGroups.of(request.em(), request.team(), java.util.List.of(member.getUserId()),
                id -> request.location("/Groups", id)).get(member.getUserId());
        return UserRepresentation.build(member, KeycloakUserView.of(user), account, accounts.profile(account),
                groups, request.location("/Users", member.getUserId()));
    }

    ScimAccountEntity account(String userId) {
        return accounts.find(userId);
    }

    private UserModel user(String userId) {
        UserModel user = users.getUserById(realm, userId);
        if (user == null) {
            throw ScimException.notFound("User '" + userId + "' not found");
        }
        return user;
    }

    private boolean isOwner(ScimAccountEntity account) {
        return request.team().getId().equals(account.getOwnerTeamId());
    }

    private void rename(UserModel user, ScimAccountEntity account, String userName) {
        if (!userName.equalsIgnoreCase(user.getUsername())) {
            UserModel other = users.getUserByUsername(realm, userName);
            if (other != null && !other.getId().equals(user.getId())) {
                throw ScimException.uniqueness("userName '" + userName + "' is taken by another account");
            }
            user.setUsername(userName);
        }
        account.setUserName(userName);
    }

    private void requireFreeEmail(UserDocument doc, String userId) {
        if (realm.isDuplicateEmailsAllowed()) {
            return;
        }
        String email = doc.primaryEmail().orElse(null);
        if (email == null) {
            return;
        }
        UserModel other = users.getUserByEmail(realm, email);
        if (other != null && !other.getId().equals(userId)) {
            throw ScimException.uniqueness("Email '" + email + "' is used by another account");
        }
    }

    private static void mirrorProfile(UserModel user, UserDocument doc) {
        user.setFirstName(doc.namepart("givenName").orElse(null));
        user.setLastName(doc.namepart("familyName").orElse(null));
        user.setEmail(doc.primaryEmail().orElse(null));
        doc.text("locale").ifPresentOrElse(l -> user.setSingleAttribute("locale", l), () -> user.removeAttribute("locale"));
    }

    /** Mirrors names, primary email and locale into Keycloak, stores the profile, bumps every team's view. */
    private void writeProfile(UserModel user, ScimAccountEntity account, UserDocument doc) {
        requireFreeEmail(doc, user.getId());
        mirrorProfile(user, doc);
        accounts.writeProfile(account, doc.profile(), false);
        for (MemberEntity membership : teams.membershipsOf(user.getId())) {
            membership.touch();
        }
    }
}
