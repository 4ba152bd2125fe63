package io.preset.teams.sso;

import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.AuthenticationFlowException;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Post broker login of a team's identity provider (every login through it, the first included): the
 * account must be an active member of the team. A member whom SCIM deactivated or removed after the link
 * was made is refused with the same page as at first login; an account whose membership is a pending
 * invitation is told to accept it first by signing in with its own credentials.
 */
public class TeamMemberCheckAuthenticator implements Authenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        SerializedBrokeredIdentityContext serialized = SerializedBrokeredIdentityContext.readFromAuthenticationSession(
                context.getAuthenticationSession(), PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT);
        if (serialized == null) {
            throw new AuthenticationFlowException("Not a post broker login", AuthenticationFlowError.IDENTITY_PROVIDER_ERROR);
        }
        BrokeredIdentityContext broker = serialized.deserialize(context.getSession(), context.getAuthenticationSession());
        TeamEntity team = TeamBroker.team(context, broker).orElse(null);
        UserModel user = context.getUser();
        if (team == null || user == null) {
            TeamBroker.refuse(context, user, "idp_without_team", TeamBroker.NO_TEAM);
            return;
        }
        MemberEntity member = new TeamStore(context.getSession(), context.getRealm()).findMember(team, user.getId()).orElse(null);
        if (member != null && member.isPending()) {
            TeamBroker.refuse(context, user, "invitation_pending", TeamBroker.INVITATION_PENDING, team.getTitle());
            return;
        }
        if (member == null || !member.isActive()) {
            TeamBroker.refuse(context, user, "not_team_member", TeamBroker.NOT_MEMBER, team.getTitle());
            return;
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
