package io.preset.teams.ownership;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who owns an account (the tenant boundary): the team that verified the domain of its email (or, without an
 * email, of its email-like username); else the team whose SCIM or identity provider created it; else nobody
 * (self-registered or operator-made accounts). Only the owner writes the account's profile and may sign it in
 * through its identity provider. An account holding more than the default roles ({@link PrivilegedAccounts})
 * is owned by nobody, whatever its domain.
 */
public final class AccountOwner {

    private AccountOwner() {
    }

    /** The owning team's id, or null. */
    public static String ownerTeamId(KeycloakSession session, RealmModel realm, UserModel user) {
        String owner = ownerByDomainOrCreator(session, realm, user);
        return owner == null || PrivilegedAccounts.isPrivileged(realm, user) ? null : owner;
    }

    /**
     * The owner by verified domain or creation alone, before the rule that a privileged account has none: for a
     * caller that checks {@link PrivilegedAccounts} itself anyway (and should not pay for it twice).
     */
    public static String ownerByDomainOrCreator(KeycloakSession session, RealmModel realm, UserModel user) {
        EmailDomainStore store = new EmailDomainStore(session);
        return ownerTeamId(store, realm.getId(), user.getEmail(), user.getUsername(), store.creatorTeamId(user.getId()));
    }

    /** The owner from the account's fields, when the caller already has them (one query for the domains). */
    private static String ownerTeamId(EmailDomainStore store, String realmId, String email, String username, String creatorTeamId) {
        String byEmail = EmailDomainStore.domainOf(email);
        String byUsername = EmailDomainStore.domainOf(username);
        List<String> domains = new ArrayList<>(2);
        if (byEmail != null) domains.add(byEmail);
        if (byUsername != null) domains.add(byUsername);
        Map<String, String> verified = store.verifiedTeamIds(realmId, domains);
        if (byEmail != null && verified.containsKey(byEmail)) {
            return verified.get(byEmail);
        }
        if (byUsername != null && verified.containsKey(byUsername)) {
            return verified.get(byUsername);
        }
        return creatorTeamId;
    }
}
