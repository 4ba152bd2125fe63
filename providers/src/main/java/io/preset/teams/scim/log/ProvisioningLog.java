package io.preset.teams.scim.log;

import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.concurrent.TimeUnit;

/**
 * Writes a request's {@link ProvisioningTrail} to its team's log and counts it in the metrics, never failing the
 * request (a failure to log is a warning in the server log).
 * <ul>
 *   <li>A request that succeeded: one INSERT in the request's own transaction, sent with its commit; nothing else on
 *       the request path.</li>
 *   <li>A refused request: its transaction is rolled back, so the row is written in a short transaction of its own
 *       and survives the rollback (a second database connection for a moment, as for the rate limiter; the table has
 *       no foreign key, so nothing the request holds a lock on is touched). Refusals before authorization and 429s
 *       take from a {@link RefusalBudget} first, so that they cannot flood the log or the database.</li>
 * </ul>
 * A request for a team that does not exist leaves no row (there is no log to write it to).
 */
public final class ProvisioningLog {

    private static final Logger LOG = Logger.getLogger(ProvisioningLog.class);
    private static final RefusalBudget BUDGET = new RefusalBudget();
    /** Node-wide budget of cheap refusals, as a multiple of the per-team one. */
    private static final int NODE_BUDGET_FACTOR = 10;

    /** For requests answered by JAX-RS filters, which may run before the request has a Keycloak session. */
    private static volatile KeycloakSessionFactory factory;

    private ProvisioningLog() {
    }

    public static void init(KeycloakSessionFactory sessionFactory) {
        factory = sessionFactory;
    }

    /** The end of a request run by the SCIM endpoint, with the status it answers. */
    public static void finish(KeycloakSession session, ProvisioningTrail trail, int status) {
        try {
            long nanos = System.nanoTime() - trail.startedNanos;
            if (trail.team != null && !trail.authorized) {
                trail.foreignCaller();
            }
            String team;
            if (trail.team != null && status < 400 && !session.getTransactionManager().getRollbackOnly()) {
                new ProvisioningLogStore(session).add(row(trail, trail.team, status, nanos));
                team = trail.team.getSlug();
            } else {
                team = writeApart(session.getKeycloakSessionFactory(), trail, status, nanos);
            }
            ScimRequestMetrics.record(team, trail.resourceType, trail.method, status, nanos);
        } catch (RuntimeException e) {
            LOG.warnf(e, "SCIM request %s %s of team %s not written to the provisioning log", trail.method, trail.path, trail.slug);
        }
    }

    /**
     * A request answered outside the endpoint (refused by a JAX-RS filter before authentication, or failed after the
     * endpoint answered, e.g. at commit), with the error it answers.
     */
    public static void outside(ProvisioningTrail trail, ScimException error) {
        if (factory == null) {
            return;
        }
        try {
            trail.refused(error);
            String team = writeApart(factory, trail, error.status(), 0);
            ScimRequestMetrics.record(team, trail.resourceType, trail.method, error.status(), System.nanoTime() - trail.startedNanos);
        } catch (RuntimeException e) {
            LOG.warnf(e, "SCIM request %s %s of team %s not written to the provisioning log", trail.method, trail.path, trail.slug);
        }
    }

    /**
     * A sign-in through the team's own identity provider that failed (a bad signature, an expired assertion, an
     * account the team may not sign in), so that the team's Admins see why without asking the operator. Written in a
     * transaction of its own (the failed request's may roll back), within the team's refusal budget: anyone can post
     * garbage to a broker endpoint.
     */
    public static void signInFailed(KeycloakSessionFactory factory, String teamId, String idpAlias, String error,
                                    String detail, String userName) {
        if (!BUDGET.takeForTeam(teamId, ProvisioningLogSettings.refusalsPerMinute())) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                TeamEntity team = TeamStore.anyRealmTeam(s, teamId);
                if (team == null) {
                    return;
                }
                ProvisioningLogEntity row = new ProvisioningLogEntity();
                row.setId(KeycloakModelUtils.generateId());
                row.setRealmId(team.getRealmId());
                row.setTeamId(team.getId());
                row.setLoggedAt(System.currentTimeMillis());
                row.setDurationMs(0);
                row.setClientKind("sso");
                row.setClientName(Redaction.text(idpAlias, 255));
                row.setMethod("SSO");
                row.setPath(Redaction.text("/broker/" + idpAlias + "/endpoint", 512));
                row.setResourceType("User");
                row.setStatus(401);
                row.setScimType(Redaction.text(error, 32));
                row.setDetail(Redaction.text(detail, 500));
                row.setResourceName(Redaction.text(userName, 255));
                row.setErrorKind("sso_sign_in_failed");
                new ProvisioningLogStore(s).add(row);
            });
        } catch (RuntimeException e) {
            LOG.warnf(e, "Failed sign-in through %s not written to the provisioning log", idpAlias);
        }
    }

    /** Writes the row in a transaction of its own; returns the team's slug for the metrics, or null when unknown. */
    private static String writeApart(KeycloakSessionFactory factory, ProvisioningTrail trail, int status, long nanos) {
        boolean cheap = !trail.authorized || status == 429;
        int perMinute = ProvisioningLogSettings.refusalsPerMinute();
        if (cheap && trail.team == null && !BUDGET.takeForNode(perMinute * NODE_BUDGET_FACTOR)) {
            ScimRequestMetrics.dropped();
            return null;
        }
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
            // the request's own team entity when it has one: no read, nothing the request may hold a lock on
            TeamEntity team = trail.team != null ? trail.team : find(s, trail);
            if (team == null) {
                return null;
            }
            if (cheap && !BUDGET.takeForTeam(team.getId(), perMinute)) {
                ScimRequestMetrics.dropped();
                return team.getSlug();
            }
            new ProvisioningLogStore(s).add(row(trail, team, status, nanos));
            return team.getSlug();
        });
    }

    private static TeamEntity find(KeycloakSession s, ProvisioningTrail trail) {
        RealmModel realm = s.realms().getRealmByName(trail.realmName);
        return realm == null ? null : new TeamStore(s, realm).findTeam(trail.slug).orElse(null);
    }

    private static ProvisioningLogEntity row(ProvisioningTrail trail, TeamEntity team, int status, long nanos) {
        ProvisioningLogEntity row = new ProvisioningLogEntity();
        row.setId(KeycloakModelUtils.generateId());
        row.setRealmId(team.getRealmId());
        row.setTeamId(team.getId());
        row.setLoggedAt(trail.startedAt);
        row.setDurationMs((int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)));
        row.setClientKind(trail.clientKind);
        row.setClientId(trail.clientId);
        row.setClientName(trail.clientName);
        row.setUserAgent(trail.userAgent);
        row.setMethod(trail.method);
        row.setPath(trail.path);
        row.setResourceType(trail.resourceType);
        row.setResourceId(trail.resourceId);
        row.setResourceName(trail.resourceName);
        row.setFilter(trail.filter);
        row.setStatus(status);
        row.setScimType(Redaction.text(trail.scimType, 32));
        row.setDetail(trail.detail);
        String kind = ErrorKinds.of(status, trail.scimType, trail.detail);
        row.setErrorKind(kind != null ? kind : status < 300 ? trail.note : null);
        if (trail.changes != null && !trail.changes.isEmpty()) {
            row.setChanges(Redaction.text(ScimJson.write(trail.changes), 2000));
        }
        return row;
    }
}
