package io.preset.teams.sso;

import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.UserModel;

import java.util.Optional;

/** What the team steps of the first-broker-login flow share: the IdP's team and the refusal page. */
final class TeamBroker {

    /** Login theme message keys (themes/.../messages_en.properties). */
    static final String NOT_MEMBER = "presetSsoNotMember";
    static final String NO_TEAM = "presetSsoNoTeam";
    static final String ALREADY_LINKED = "presetSsoAlreadyLinked";
    static final String CANNOT_LINK = "presetSsoCannotLink";
    static final String INVITATION_PENDING = "presetSsoInvitationPending";
    static final String OUTSIDE_DOMAINS = "presetSsoOutsideDomains";

    private TeamBroker() {
    }

    static Optional<TeamEntity> team(AuthenticationFlowContext context, BrokeredIdentityContext broker) {
        return TeamIdentityProviders.teamOf(new TeamStore(context.getSession(), context.getRealm()), broker.getIdpConfig());
    }

    /** Shows a clear error page and stops the login; nothing has been changed. */
    static void refuse(AuthenticationFlowContext context, UserModel user, String reason, String message, Object... params) {
        if (user != null) {
            context.getEvent().user(user);
        }
        context.getEvent().detail("reason", reason).error("preset_team_sso_refused");
        Response page = context.form().setError(message, params).createErrorPage(Response.Status.FORBIDDEN);
        context.failureChallenge(AuthenticationFlowError.ACCESS_DENIED, page);
    }
}
