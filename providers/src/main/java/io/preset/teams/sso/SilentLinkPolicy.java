package io.preset.teams.sso;

import io.preset.teams.ownership.AccountOwner;
import io.preset.teams.ownership.EmailDomainStore;
import io.preset.teams.ownership.PrivilegedAccounts;
import io.preset.teams.team.MemberEntity;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a team's identity provider may sign in an existing account without asking the account's holder.
 * The team's IdP is controlled by the team, so it may only take accounts the team controls completely: the
 * team owns the account, the account can do nothing beyond what every user can (no admin or client role),
 * it has no way in that the team does not control (no password, OTP, passkey, user federation, link to
 * another identity provider), it is enabled and an active member of the team. Anything else is either
 * re-authenticated by its holder or refused.
 */
public final class SilentLinkPolicy {

    public enum Refusal {
        /** Another team, or nobody, owns the account. */
        NOT_OWNER,
        /** It holds a client role or a realm role beyond the realm's default roles. */
        PRIVILEGED,
        /** It has a credential (or a user federation) of its own. */
        OWN_CREDENTIAL,
        /** It is linked to an identity provider already. */
        LINKED,
        DISABLED,
        /** Not an active member of the team (a pending invitation does not count). */
        NOT_MEMBER
    }

    /**
     * What the decision looks at.
     *
     * @param privileged  it holds more than the realm's default roles (any client role, any extra realm role,
     *                    directly or through groups: {@link PrivilegedAccounts})
     * @param credentials types of the stored credentials, plus {@code federation} for a federated user
     * @param links       identity providers the account is linked to
     */
    public record Account(boolean ownedByTeam, boolean privileged, Set<String> credentials, Set<String> links,
                          boolean enabled, boolean activeMember) {
    }

    private SilentLinkPolicy() {
    }

    /** Why the account may not be linked silently; empty when it may. */
    public static Optional<Refusal> refusal(Account account) {
        if (!account.ownedByTeam()) {
            return Optional.of(Refusal.NOT_OWNER);
        }
        if (account.privileged()) {
            return Optional.of(Refusal.PRIVILEGED);
        }
        if (!account.credentials().isEmpty()) {
            return Optional.of(Refusal.OWN_CREDENTIAL);
        }
        if (!account.links().isEmpty()) {
            return Optional.of(Refusal.LINKED);
        }
        if (!account.enabled()) {
            return Optional.of(Refusal.DISABLED);
        }
        if (!account.activeMember()) {
            return Optional.of(Refusal.NOT_MEMBER);
        }
        return Optional.empty();
    }

    /** The facts about {@code user}, read from Keycloak and our tables. */
    public static Account read(KeycloakSession session, RealmModel realm, String teamId,
                               UserModel user, MemberEntity member) {
        Set<String> credentials = user.credentialManager().getStoredCredentialsStream()
                .map(CredentialModel::getType).collect(Collectors.toCollection(LinkedHashSet::new));
        if (user.getFederationLink() != null) {
            credentials.add("federation");
        }
        Set<String> links = session.users().getFederatedIdentitiesStream(realm, user)
                .map(FederatedIdentityModel::getIdentityProvider).collect(Collectors.toSet());
        // the role check once: a privileged account is owned by nobody (AccountOwner.ownerTeamId's rule)
        boolean privileged = PrivilegedAccounts.isPrivileged(realm, user);
        boolean owned = !privileged && teamId.equals(AccountOwner.ownerByDomainOrCreator(session, realm, user));
        return new Account(owned, privileged, credentials, links, user.isEnabled(), member != null && member.isActive());
    }

    /**
     * Whether the team's identity provider may create a new account for this brokered identity: only inside the
     * team's verified domains, for the email and for an email-like username alike. Without an email it may not.
     */
    public static boolean mayCreate(String email, String username, Set<String> verifiedDomains) {
        String emailDomain = EmailDomainStore.domainOf(email);
        if (emailDomain == null || !verifiedDomains.contains(emailDomain)) {
            return false;
        }
        String usernameDomain = username != null && username.indexOf('@') > 0 ? EmailDomainStore.domainOf(username) : null;
        return usernameDomain == null || verifiedDomains.contains(usernameDomain);
    }
}
