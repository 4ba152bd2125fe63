package io.preset.teams.sso;

import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;

import java.util.Optional;

/**
 * First broker login through a team's identity provider, when an account already exists for the
 * brokered email or username (case-insensitively): an active member of the IdP's team is linked at once,
 * without any prompt (as Keycloak's {@code idp-auto-link} does); anybody else is refused and nothing is
 * changed. When no account exists the step is skipped ({@code attempted}), and the next alternative,
 * {@code idp-create-user-if-unique}, creates one.
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
        UserModel user = existingAccount(context.getSession(), context.getRealm(), broker).orElse(null);
        if (user == null) {
            context.attempted();
            return;
        }
        TeamStore store = new TeamStore(context.getSession(), context.getRealm());
        MemberEntity member = store.findMember(team, user.getId()).orElse(null);
        if (member == null || !member.isActive() || !user.isEnabled()) {
            LOG.debugf("Refusing to link '%s' of identity provider '%s': account %s is not an active member of team '%s'",
                    broker.getUsername(), broker.getIdpConfig().getAlias(), user.getId(), team.getSlug());
            TeamBroker.refuse(context, user, "not_team_member", TeamBroker.NOT_MEMBER, team.getTitle());
            return;
        }
        if (context.getSession().users().getFederatedIdentity(context.getRealm(), user, broker.getIdpConfig().getAlias()) != null) {
            TeamBroker.refuse(context, user, "already_linked", TeamBroker.ALREADY_LINKED, team.getTitle());
            return;
        }
        LOG.debugf("Linking '%s' of identity provider '%s' to account %s, member of team '%s'",
                broker.getUsername(), broker.getIdpConfig().getAlias(), user.getId(), team.getSlug());
        context.setUser(user);
        context.success();
    }

    /** The account whose email or username is the brokered email or username; all lookups ignore case. */
    static Optional<UserModel> existingAccount(KeycloakSession session, RealmModel realm, BrokeredIdentityContext broker) {
        UserProvider users = session.users();
        String email = broker.getEmail();
        String username = broker.getModelUsername() != null ? broker.getModelUsername() : broker.getUsername();
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
