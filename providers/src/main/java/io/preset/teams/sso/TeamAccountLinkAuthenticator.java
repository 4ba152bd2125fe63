package io.preset.teams.sso;

import io.preset.teams.ownership.EmailDomainStore;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.ExistingUserInfo;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.credential.PasswordCredentialModel;

import java.util.Locale;
import java.util.Optional;

/**
 * First broker login through a team's identity provider. For an account that already has the brokered email
 * or username (case-insensitively):
 * <ul>
 *   <li>linked at once, without any prompt, when {@link SilentLinkPolicy} allows it (the team owns and fully
 *       controls the account);</li>
 *   <li>otherwise, when it has a password, handed to Keycloak's own "existing account" steps that follow
 *       ({@code idp-confirm-link}, then re-authentication with the account's password and OTP): only its
 *       holder can link it;</li>
 *   <li>otherwise refused with a page, and nothing is changed.</li>
 * </ul>
 * Without an account, the next step ({@code idp-create-user-if-unique}) may create one only when the brokered
 * email (and an email-like username) is in a domain the team verified; otherwise refused here, before any
 * account exists.
 */
public class TeamAccountLinkAuthenticator extends AbstractIdpAuthenticator {

    private static final Logger LOG = Logger.getLogger(TeamAccountLinkAuthenticator.class);

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                                    BrokeredIdentityContext broker) {
        TeamEntity team = TeamBroker.team(context, broker).orElse(null);
        if (team == null) {
            TeamBroker.refuse(context, null, "idp_without_team", TeamBroker.NO_TEAM);
            return;
        }
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        TeamStore store = new TeamStore(session, realm);
        String idp = broker.getIdpConfig().getAlias();
        UserModel user = existingAccount(session, realm, broker).orElse(null);
        if (user == null) {
            if (!SilentLinkPolicy.mayCreate(broker.getEmail(), brokeredUsername(broker),
                    new EmailDomainStore(session).verifiedDomains(team.getId()))) {
                LOG.debugf("Refusing to create an account for '%s' of identity provider '%s': not in a verified domain of team '%s'",
                        broker.getUsername(), idp, team.getSlug());
                TeamBroker.refuse(context, null, "outside_verified_domains", TeamBroker.OUTSIDE_DOMAINS, team.getTitle());
                return;
            }
            context.attempted();
            return;
        }
        if (session.users().getFederatedIdentity(realm, user, idp) != null) {
            TeamBroker.refuse(context, user, "already_linked", TeamBroker.ALREADY_LINKED, team.getTitle());
            return;
        }
        MemberEntity member = store.findMember(team, user.getId()).orElse(null);
        SilentLinkPolicy.Refusal refusal = SilentLinkPolicy.refusal(
                SilentLinkPolicy.read(session, realm, team.getId(), user, member)).orElse(null);
        if (refusal == null) {
            LOG.debugf("Linking '%s' of identity provider '%s' to account %s, owned by team '%s'",
                    broker.getUsername(), idp, user.getId(), team.getSlug());
            context.setUser(user);
            context.success();
            return;
        }
        if (user.isEnabled() && user.credentialManager().isConfiguredFor(PasswordCredentialModel.TYPE)) {
            LOG.debugf("Account %s matches '%s' of identity provider '%s' but may not be linked silently (%s): "
                    + "its holder has to re-authenticate", user.getId(), broker.getUsername(), idp, refusal);
            boolean byEmail = user.getEmail() != null && user.getEmail().equalsIgnoreCase(broker.getEmail());
            ExistingUserInfo existing = byEmail ? new ExistingUserInfo(user.getId(), UserModel.EMAIL, user.getEmail())
                    : new ExistingUserInfo(user.getId(), UserModel.USERNAME, user.getUsername());
            context.getAuthenticationSession().setAuthNote(EXISTING_USER_INFO, existing.serialize());
            context.attempted();
            return;
        }
        LOG.debugf("Refusing to link '%s' of identity provider '%s' to account %s (%s, no password)",
                broker.getUsername(), idp, user.getId(), refusal);
        if (refusal == SilentLinkPolicy.Refusal.NOT_MEMBER || refusal == SilentLinkPolicy.Refusal.DISABLED) {
            TeamBroker.refuse(context, user, "not_team_member", TeamBroker.NOT_MEMBER, team.getTitle());
        } else {
            TeamBroker.refuse(context, user, "cannot_link_" + refusal.name().toLowerCase(Locale.ROOT),
                    TeamBroker.CANNOT_LINK, team.getTitle());
        }
    }

    /** The username {@code idp-create-user-if-unique} would give a new account. */
    static String brokeredUsername(BrokeredIdentityContext broker) {
        return broker.getModelUsername() != null ? broker.getModelUsername() : broker.getUsername();
    }

    /** The account whose email or username is the brokered email or username; all lookups ignore case. */
    static Optional<UserModel> existingAccount(KeycloakSession session, RealmModel realm, BrokeredIdentityContext broker) {
        UserProvider users = session.users();
        String email = broker.getEmail();
        String username = brokeredUsername(broker);
        for (String candidate : new String[] {email, username}) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            UserModel byUsername = users.getUserByUsername(realm, candidate);
            if (byUsername != null) {
                return Optional.of(byUsername);
            }
            if (candidate.indexOf('@') > 0 && !realm.isDuplicateEmailsAllowed()) {
                UserModel byEmail = users.getUserByEmail(realm, candidate);
                if (byEmail != null) {
                    return Optional.of(byEmail);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                              BrokeredIdentityContext broker) {
        authenticateImpl(context, serializedCtx, broker);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }
}
