package io.preset.teams.scim.user;

import io.preset.teams.ownership.EmailDomainStore;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.storage.UserStorageProvider;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the owner team's profile into the Keycloak account (names, primary email, locale, username). Only
 * the owner gets here. Whatever the outcome, the team's SCIM view keeps what it sent, so that an answer
 * never tells whether a value is taken elsewhere: an email that another account uses, or whose domain
 * another team verified, is simply not copied into the account (copying it would let this team take over
 * that domain's sign-in); a userName that another account holds leaves the account's username as it is.
 */
final class AccountMirror {

    private final RealmModel realm;
    private final UserProvider users;
    private final EmailDomainStore domains;
    private final String teamId;
    /** Answers of {@link #foreignDomain} in this request (no claim is verified in its transaction meanwhile). */
    private final Map<String, Boolean> foreign = new HashMap<>();
    /** The realm's account holding an email (empty: none), read with other facts before this request wrote any. */
    private final Map<String, Optional<String>> emailHolders = new HashMap<>();

    AccountMirror(RealmModel realm, UserProvider users, EmailDomainStore domains, String teamId) {
        this.realm = realm;
        this.users = users;
        this.domains = domains;
        this.teamId = teamId;
    }

    /** True when the domain of {@code address} is verified by a team other than this one. */
    boolean foreignDomain(String address) {
        String domain = EmailDomainStore.domainOf(address);
        if (domain == null) {
            return false;
        }
        // a create asks for its userName's and its email's domain, mostly the same one: one query for both
        return foreign.computeIfAbsent(domain, d -> domains.verifiedTeamId(realm.getId(), d)
                .filter(owner -> !owner.equals(teamId)).isPresent());
    }

    /** Records which team verified {@code domain} (null: none), read with other facts in one query. */
    void knownDomain(String domain, String verifyingTeamId) {
        if (domain != null) {
            foreign.put(domain, verifyingTeamId != null && !verifyingTeamId.equals(teamId));
        }
    }

    /** Records which account of the realm holds {@code email} (null: none), read with other facts in one query. */
    void knownEmailHolder(String email, String accountId) {
        if (email != null) {
            emailHolders.put(email.toLowerCase(), Optional.ofNullable(accountId));
        }
    }

    /** True when every account of the realm is in Keycloak's own user table (no user federation configured). */
    boolean accountsAllLocal() {
        return realm.getStorageProviders(UserStorageProvider.class).findAny().isEmpty();
    }

    /** Writes the owner's profile into an existing account. */
    void write(UserModel user, UserDocument doc) {
        Optional<String> email = doc.primaryEmail();
        String kept = email.isEmpty() ? null
                : email.get().equalsIgnoreCase(user.getEmail()) || mayTake(user.getId(), email.get()) ? email.get()
                : user.getEmail();
        apply(user, doc, kept);
    }

    /** The email a new account of this team may carry, decided before the account exists (no flush in between). */
    String emailForNewAccount(UserDocument doc) {
        return doc.primaryEmail().filter(email -> mayTake(null, email)).orElse(null);
    }

    void apply(UserModel user, UserDocument doc, String email) {
        user.setFirstName(doc.namepart("givenName").orElse(null));
        user.setLastName(doc.namepart("familyName").orElse(null));
        user.setEmail(email);
        doc.text("locale").ifPresentOrElse(l -> user.setSingleAttribute("locale", l), () -> user.removeAttribute("locale"));
    }

    /** The owner renames its user: the account's username follows when no other account holds the new one. */
    void rename(UserModel user, String userName) {
        if (userName.equalsIgnoreCase(user.getUsername()) || foreignDomain(userName)) {
            return;
        }
        UserModel other = users.getUserByUsername(realm, userName);
        if (other == null) {
            user.setUsername(userName);
        }
    }

    private boolean mayTake(String userId, String email) {
        if (foreignDomain(email)) {
            return false;
        }
        if (realm.isDuplicateEmailsAllowed()) {
            return true;
        }
        Optional<String> holder = emailHolders.computeIfAbsent(email.toLowerCase(),
                e -> Optional.ofNullable(users.getUserByEmail(realm, email)).map(UserModel::getId));
        return holder.isEmpty() || holder.get().equals(userId);
    }
}
