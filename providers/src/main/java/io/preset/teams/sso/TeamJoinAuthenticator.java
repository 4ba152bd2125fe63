package io.preset.teams.sso;

import io.preset.teams.forward.ForwardTracker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.scim.user.ScimUserStore;
import io.preset.teams.scim.user.UserDocument;
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

import java.util.List;

/**
 * The last step of the first broker login through a team's identity provider. An account that
 * {@code idp-create-user-if-unique} just created (just-in-time: the team's Okta knows the user before
 * SCIM did; only in the team's verified domains, checked before the account was created) joins the team as
 * {@code User}, and gets a SCIM account row owned by the team plus this team's userName spelling on the
 * membership, so that Okta's later {@code userName eq} lookup finds it. The account is not "created by SCIM":
 * removing it from the team never deletes it.
 * An existing account reaches this step either linked silently (an active member) or re-authenticated by its
 * holder; the post broker login then decides whether it may sign in (an active membership).
 */
public class TeamJoinAuthenticator extends AbstractIdpAuthenticator {

    private static final Logger LOG = Logger.getLogger(TeamJoinAuthenticator.class);
    /** Same value as Keycloak's own note, set by {@code idp-create-user-if-unique}. */
    static final String REGISTERED_NEW_USER = "BROKER_REGISTERED_NEW_USER";

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                                    BrokeredIdentityContext broker) {
        TeamEntity team = TeamBroker.team(context, broker).orElse(null);
        UserModel user = context.getUser();
        if (team == null || user == null) {
            TeamBroker.refuse(context, user, "idp_without_team", TeamBroker.NO_TEAM);
            return;
        }
        TeamStore store = new TeamStore(context.getSession(), context.getRealm());
        MemberEntity member = store.findMember(team, user.getId()).orElse(null);
        if (member != null && member.isActive()) {
            context.success();
            return;
        }
        boolean created = Boolean.parseBoolean(context.getAuthenticationSession().getAuthNote(REGISTERED_NEW_USER));
        if (!created) {
            context.success();
            return;
        }
        if (member != null) {
            TeamBroker.refuse(context, user, "not_team_member", TeamBroker.NOT_MEMBER, team.getTitle());
            return;
        }
        String userName = broker.getUsername() != null && broker.getUsername().equalsIgnoreCase(user.getUsername())
                ? broker.getUsername() : user.getUsername();
        MemberEntity joined = store.addMember(team, user.getId());
        joined.setUserName(userName);
        ScimUserStore accounts = new ScimUserStore(context.getSession());
        accounts.writeProfile(joined, jitProfile(user, userName), true);
        ForwardTracker.touch(context.getSession(), context.getRealm(), team, List.of(user.getId()));
        if (accounts.find(user.getId()) == null) {
            accounts.create(user.getId(), context.getRealm().getId(), userName, team.getId(), false);
        }
        LOG.infof("Just-in-time: account %s ('%s') joined team '%s' as User through identity provider '%s'",
                user.getId(), user.getUsername(), team.getSlug(), broker.getIdpConfig().getAlias());
        context.getEvent().detail("preset_team_joined", team.getSlug());
        context.success();
    }

    /**
     * This team's SCIM view of the new member: what its IdP asserted, as if its SCIM had sent it, so that Okta's
     * later reads and PATCHes start from the account's email and names rather than from nothing.
     */
    static ObjectNode jitProfile(UserModel user, String userName) {
        ObjectNode body = ScimJson.object();
        body.putArray("schemas").add(ScimJson.CORE_USER);
        body.put("userName", userName);
        ObjectNode name = ScimJson.object();
        if (user.getFirstName() != null) {
            name.put("givenName", user.getFirstName());
        }
        if (user.getLastName() != null) {
            name.put("familyName", user.getLastName());
        }
        if (!name.isEmpty()) {
            body.set("name", name);
        }
        if (user.getEmail() != null) {
            body.putArray("emails").addObject().put("value", user.getEmail()).put("type", "work").put("primary", true);
        }
        return UserDocument.parse(body).profile();
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
