package io.preset.teams.invitation;

import io.preset.teams.team.MemberEntity;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@value InvitationRequiredActionFactory#ID}: at a browser login, an account with pending team invitations sees
 * them ({@code preset-team-invitations.ftl}) and accepts or declines each, or decides later ("Not now": they stay
 * pending and the page comes back at the next login).
 *
 * <p>The form posts to the required action's URL of the login flow, so Keycloak checks the session code and the
 * auth-session cookie as for its own required actions; a button names a team by slug, looked up among this
 * user's own pending invitations only.
 */
public class InvitationRequiredAction implements RequiredActionProvider {

    static final String TEMPLATE = "preset-team-invitations.ftl";
    /** Auth note: the page was answered (or there was nothing to show) in this login; don't ask again. */
    static final String DONE_NOTE = "preset.invitations.done";
    static final String ACCEPTED = "preset_team_invitation_accepted";
    static final String DECLINED = "preset_team_invitation_declined";

    private static final Logger LOG = Logger.getLogger(InvitationRequiredAction.class);

    /**
     * Keycloak calls this at every login, twice in a browser login; the first call's answer is kept in the auth
     * session, so a login costs one query. Only interactive logins are asked: the browser flows set the flow path
     * note, a password grant does not, and an invitation must never block an account's other logins.
     */
    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession.getAuthNote(AuthenticationProcessor.CURRENT_FLOW_PATH) == null
                || authSession.getAuthNote(DONE_NOTE) != null
                || authSession.getRequiredActions().contains(InvitationRequiredActionFactory.ID)) {
            return;
        }
        if (invitations(context).pendingOf(context.getUser().getId()).isEmpty()) {
            authSession.setAuthNote(DONE_NOTE, "none");
        } else {
            authSession.addRequiredAction(InvitationRequiredActionFactory.ID);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        List<MemberEntity> pending = invitations(context).pendingOf(context.getUser().getId());
        if (pending.isEmpty()) {
            done(context);
            return;
        }
        context.challenge(page(context, pending, null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        Invitations invitations = invitations(context);
        List<MemberEntity> pending = invitations.pendingOf(context.getUser().getId());
        String message = null;
        if (form.containsKey("accept")) {
            Optional<MemberEntity> member = bySlug(pending, form.getFirst("accept"));
            member.ifPresent(m -> decide(context, invitations, m, true));
            message = member.isPresent() ? "presetInviteAccepted" : null;
        } else if (form.containsKey("decline")) {
            Optional<MemberEntity> member = bySlug(pending, form.getFirst("decline"));
            member.ifPresent(m -> decide(context, invitations, m, false));
            message = member.isPresent() ? "presetInviteDeclined" : null;
        } else {
            done(context); // "Not now": everything stays pending until the next login
            return;
        }
        List<MemberEntity> left = invitations.pendingOf(context.getUser().getId());
        if (left.isEmpty()) {
            done(context);
        } else {
            context.challenge(page(context, left, message));
        }
    }

    private static void decide(RequiredActionContext context, Invitations invitations, MemberEntity member, boolean accept) {
        String slug = member.getTeam().getSlug();
        if (accept) {
            invitations.accept(member);
        } else {
            invitations.remove(member);
        }
        // the flow's own event is sent only when the action ends, so each decision is an event of its own
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail(Details.CUSTOM_REQUIRED_ACTION, InvitationRequiredActionFactory.ID)
                .detail(accept ? ACCEPTED : DECLINED, slug)
                .success();
        LOG.infof("Account %s %s the invitation of team '%s'", context.getUser().getId(),
                accept ? "accepted" : "declined", slug);
    }

    private static void done(RequiredActionContext context) {
        context.getAuthenticationSession().setAuthNote(DONE_NOTE, "answered");
        context.success();
    }

    private static Optional<MemberEntity> bySlug(List<MemberEntity> pending, String slug) {
        return pending.stream().filter(m -> m.getTeam().getSlug().equals(slug)).findFirst();
    }

    private static Response page(RequiredActionContext context, List<MemberEntity> pending, String message) {
        List<Map<String, String>> teams = pending.stream().map(member -> {
            Map<String, String> item = new LinkedHashMap<>();
            item.put("slug", member.getTeam().getSlug());
            item.put("title", member.getTeam().getTitle());
            return item;
        }).toList();
        var form = context.form().setAttribute("presetInvitations", teams);
        if (message != null) {
            form.setSuccess(message);
        }
        return form.createForm(TEMPLATE);
    }

    private static Invitations invitations(RequiredActionContext context) {
        return new Invitations(context.getSession(), context.getRealm());
    }

    @Override
    public void close() {
    }
}
