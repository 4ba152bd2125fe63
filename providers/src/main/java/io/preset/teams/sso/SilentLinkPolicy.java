package io.preset.teams.sso;

import io.preset.teams.ownership.AccountOwner;
import io.preset.teams.ownership.EmailDomainStore;
import io.preset.teams.team.MemberEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;

import java.util.Collection;
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

    /** A role by its client ({@code null} for a realm role) and name. */
    public record Role(String clientId, String name) {
        @Override
        public String toString() {
            return clientId == null ? name : clientId + "/" + name;
        }
    }

    /**
     * What the decision looks at.
     *
     * @param effectiveRoles every role the account has, directly, through groups or composites
     * @param defaultRoles   the realm's default role and what it expands to (what every user has)
     * @param credentials    types of the stored credentials, plus {@code federation} for a federated user
     * @param links          identity providers the account is linked to
     */
    public record Account(boolean ownedByTeam, Set<Role> effectiveRoles, Set<Role> defaultRoles, Set<String> credentials,
                          Set<String> links, boolean enabled, boolean activeMember) {
    }

    /** Realm roles every user may hold (Keycloak grants them through the default role). */
    static final Set<String> DEFAULT_REALM_ROLES = Set.of("offline_access", "uma_authorization");
    /** Clients whose roles administer the realm; never harmless, even when an operator made them default. */
    static final Set<String> ADMIN_CLIENTS = Set.of("realm-management");

    private SilentLinkPolicy() {
    }

    /** Why the account may not be linked silently; empty when it may. */
    public static Optional<Refusal> refusal(Account account) {
        if (!account.ownedByTeam()) {
            return Optional.of(Refusal.NOT_OWNER);
        }
        if (!privileged(account.effectiveRoles(), account.defaultRoles()).isEmpty()) {
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

    /**
     * The roles beyond what every user has: anything outside the default role's expansion, and any role of an
     * admin client wherever it comes from.
     */
    static Set<Role> privileged(Collection<Role> effective, Set<Role> defaults) {
        return effective.stream()
                .filter(r -> !(r.clientId() == null && DEFAULT_REALM_ROLES.contains(r.name())))
                .filter(r -> !defaults.contains(r) || (r.clientId() != null && ADMIN_CLIENTS.contains(r.clientId())))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The facts about {@code user}, read from Keycloak and our tables. */
    public static Account read(KeycloakSession session, EntityManager em, RealmModel realm, String teamId,
                               UserModel user, MemberEntity member) {
        Set<String> credentials = user.credentialManager().getStoredCredentialsStream()
                .map(CredentialModel::getType).collect(Collectors.toCollection(LinkedHashSet::new));
        if (user.getFederationLink() != null) {
            credentials.add("federation");
        }
        Set<String> links = session.users().getFederatedIdentitiesStream(realm, user)
                .map(FederatedIdentityModel::getIdentityProvider).collect(Collectors.toSet());
        RoleModel defaultRole = realm.getDefaultRole();
        Set<Role> defaults = defaultRole == null ? new LinkedHashSet<>() : roles(RoleUtils.expandCompositeRoles(Set.of(defaultRole)));
        if (defaultRole != null) {
            defaults.add(role(defaultRole));
        }
        return new Account(AccountOwner.owns(em, realm, teamId, user), roles(RoleUtils.getDeepUserRoleMappings(user)),
                defaults, credentials, links, user.isEnabled(), member != null && member.isActive());
    }

    private static Set<Role> roles(Set<RoleModel> models) {
        return models.stream().map(SilentLinkPolicy::role).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Role role(RoleModel role) {
        return role.isClientRole() && role.getContainer() instanceof ClientModel client
                ? new Role(client.getClientId(), role.getName()) : new Role(null, role.getName());
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
