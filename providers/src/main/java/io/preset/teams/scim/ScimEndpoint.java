package io.preset.teams.scim;

import io.preset.teams.auth.CallerRefused;
import io.preset.teams.auth.ScimAuthenticator;
import io.preset.teams.auth.ScimCaller;
import io.preset.teams.common.Persistence;
import io.preset.teams.common.DomainException;
import io.preset.teams.scim.limit.ScimConcurrencyLimiter;
import io.preset.teams.scim.limit.ScimQueryLimits;
import io.preset.teams.scim.limit.ScimRateLimiter;
import io.preset.teams.scim.log.ProvisioningLog;
import io.preset.teams.scim.log.ProvisioningTrail;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimResponses;
import io.preset.teams.scim.request.ScimRequest;
import io.preset.teams.scim.request.ScimRunner;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;

import java.util.function.Function;

/**
 * Runs one SCIM request of a team: authenticate (401), find the team (404), authorize (403), act,
 * flush so that constraint violations surface here, and turn every refusal into SCIM Error JSON with
 * the transaction rolled back; an unexpected exception too (500 with a correlation id, see {@link #failed}).
 * Every answer goes to the team's provisioning log ({@link ProvisioningLog}).
 */
public final class ScimEndpoint implements ScimRunner {

    private static final Logger LOG = Logger.getLogger(ScimEndpoint.class);

    private final KeycloakSession session;
    private final String slug;
    /** The provisioning log's record of the request being run (set by {@link #run}). */
    private ProvisioningTrail trail;

    public ScimEndpoint(KeycloakSession session, String slug) {
        this.session = session;
        this.slug = slug;
    }

    @Override
    public Response run(Function<ScimRequest, Response> action) {
        return run(false, action);
    }

    /** A list request ({@code GET /Users}, {@code GET /Groups}): also under the team's lower cap for lists. */
    @Override
    public Response runList(Function<ScimRequest, Response> action) {
        return run(true, action);
    }

    // ---- provisioning log: one trail per request, written with the answer
    private Response run(boolean list, Function<ScimRequest, Response> action) {
        var context = session.getContext();
        trail = ProvisioningTrail.forEndpoint(context.getRealm().getName(), slug, context.getHttpRequest().getHttpMethod(),
                context.getUri().getPath(), context.getUri().getQueryParameters().getFirst("filter"),
                context.getRequestHeaders().getHeaderString(HttpHeaders.USER_AGENT));
        Response response = handle(list, action);
        ProvisioningLog.finish(session, trail, response.getStatus());
        return response;
    }
    // ---- end of provisioning log

    private Response handle(boolean list, Function<ScimRequest, Response> action) {
        ScimConcurrencyLimiter.Permit permit = ScimConcurrencyLimiter.NONE;
        try {
            RealmModel realm = session.getContext().getRealm();
            ScimAuthenticator authenticator = new ScimAuthenticator(session, realm);
            HttpHeaders headers = session.getContext().getRequestHeaders();
            ScimCaller caller = authenticator.authenticate(headers);
            TeamStore store = new TeamStore(session, realm);
            // a SCIM token's team came with the token: no second query when the URL names it
            TeamEntity team = caller.scimTokenTeam().filter(t -> t.getSlug().equals(slug))
                    .or(() -> store.findTeam(slug))
                    .orElseThrow(() -> ScimException.notFound("Team '" + slug + "' not found"));
            trail.caller(caller);
            trail.team(team);
            authenticator.authorize(caller, team);
            trail.authorized();
            // counted after authorization: anonymous or foreign callers cannot spend a team's budget
            permit = ScimConcurrencyLimiter.acquire(realm, team, list);
            ScimRateLimiter.acquire(session, realm, team);
            String base = session.getContext().getUri().getBaseUriBuilder()
                    .path("realms").path(realm.getName()).path("teams").path(team.getSlug()).path("scim").path("v2")
                    .build().toString();
            Response response = action.apply(new ScimRequest(session, realm, team, store, caller, base, trail));
            Persistence.flush(session);
            return response;
        } catch (ScimException e) {
            return refuse(e);
        } catch (CallerRefused e) {
            return refuse(new ScimException(e.status(), null, e.getMessage()));
        } catch (DomainException e) {
            return refuse(translate(e));
        } catch (ModelDuplicateException e) {
            return refuse(ScimException.uniqueness("A resource with the same unique value already exists"));
        } catch (RuntimeException e) {
            if (Persistence.isTimeout(e)) {
                LOG.infof("SCIM list of team %s ran into its query timeout", slug);
                return refuse(ScimQueryLimits.busy());
            }
            if (Persistence.isConcurrencyFailure(e)) {
                LOG.debugf(e, "SCIM write of team %s lost to a concurrent request", slug);
                return refuse(new ScimException(409, null, "A concurrent request changed the same resource; retry"));
            }
            if (!Persistence.isConstraintViolation(e)) {
                return failed(e);
            }
            // a unique constraint lost to a concurrent request: the client may retry
            LOG.debugf(e, "SCIM write of team %s refused by the database", slug);
            return refuse(ScimException.uniqueness("A concurrent request wrote the same unique value; retry"));
        } finally {
            permit.close();
        }
    }

    /** A failure of ours: a SCIM Error 500 naming a correlation id, and the stack trace under it in the log. */
    private Response failed(RuntimeException e) {
        return refuse(ScimFailures.unexpected(e, "SCIM request of team " + slug));
    }

    /** An error without authentication, e.g. for paths that do not exist. */
    public Response refuse(ScimException e) {
        if (trail != null) {
            trail.refused(e);
        }
        session.getTransactionManager().setRollbackOnly();
        return ScimResponses.error(e);
    }

    private static ScimException translate(DomainException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> ScimException.notFound(e.getMessage());
            case CONFLICT -> ScimException.uniqueness(e.getMessage());
            case FORBIDDEN -> ScimException.forbidden(e.getMessage());
            case MUTABILITY -> ScimException.mutability(e.getMessage());
            case INVALID -> ScimException.invalidValue(e.getMessage());
        };
    }
}
