package io.preset.teams.forward;

import io.preset.teams.common.DomainException;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the outbox, on every node. Each poll claims due rows of enabled teams by a conditional UPDATE
 * of their lease (so two nodes never send the same row at once, on H2 as on PostgreSQL), sends them
 * concurrently on a bounded pool outside any transaction, and records each outcome in a transaction
 * of its own. A hanging target holds at most its own rows' senders, for at most the timeout; requests
 * of SCIM and the admin API never wait for it.
 */
final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    static final int SENDERS = 8;
    /** At most this many senders per team, so that a hanging target leaves the others free for other teams. */
    static final int SENDERS_PER_TEAM = SENDERS / 2;
    private static final long SENT_RETENTION_MS = TimeUnit.DAYS.toMillis(7);
    private static final long PRUNE_EVERY_MS = TimeUnit.MINUTES.toMillis(10);
    private static final long STOP_WAIT_MS = 2000;
    /**
     * The counts by state (metrics) and the teams with work each read every row of a backlog: at most this often,
     * not on every poll of a draining backlog (which polls again after each send).
     */
    private static final long SCAN_EVERY_MS = 500;
    private static final long SLOW_DUE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long ANALYZE_EVERY_MS = TimeUnit.MINUTES.toMillis(1);

    /** A claimed row, with what it takes to send it; the token lives only here, never in a log. */
    private record Claim(String rowId, String teamId, String claimId, String method, URI uri, String body, String token,
                         int attempts) {
    }

    private final KeycloakSessionFactory factory;
    private final ForwardSettings settings;
    private final ForwardMetrics metrics;
    private final Semaphore free = new Semaphore(SENDERS);
    /** Rows being sent per team, across polls. */
    private final Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();
    private final HttpClient http;
    private ScheduledExecutorService poller;
    private ExecutorService senders;
    private long lastPrune;
    private long lastCount;
    private long lastAnalyze;
    /** Set by a slow due query: the statistics are refreshed after the poll, in a transaction of their own. */
    private boolean staleStatistics;
    private long teamsReadAt;
    private List<OutboxStore.TeamWithWork> teamsWithWork = List.of();
    /** The last poll found nothing due among {@link #teamsWithWork}: read the teams again at the next one. */
    private boolean idle = true;
    /**
     * Set by a poll that left due rows unclaimed (a team at its sender cap, or every sender busy): each finished send
     * then polls again at once instead of waiting for the next interval, so that a backlog drains at the pace of the
     * target rather than {@link #SENDERS_PER_TEAM} rows per poll interval.
     */
    private volatile boolean backlog;
    /** A poll is queued on the poller already (at most one, however many sends finish meanwhile). */
    private final java.util.concurrent.atomic.AtomicBoolean pollQueued = new java.util.concurrent.atomic.AtomicBoolean();
    /** Set once the server shuts down: a poll that fails then failed because Keycloak is closing. */
    private volatile boolean stopping;

    Dispatcher(KeycloakSessionFactory factory, ForwardSettings settings, ForwardMetrics metrics) {
        this.factory = factory;
        this.settings = settings;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(settings.timeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    void start() {
        // Quarkus closes the database from its own shutdown hook, possibly before our factory is closed: from the
        // moment the JVM begins to shut down, a failing poll is the shutdown's doing, not worth a warning
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopping = true, "preset-forwarder-shutdown"));
        poller = Executors.newSingleThreadScheduledExecutor(daemons("preset-forwarder-poll"));
        senders = Executors.newFixedThreadPool(SENDERS, daemons("preset-forwarder-send"));
        poller.scheduleWithFixedDelay(this::poll, settings.pollIntervalMs(), settings.pollIntervalMs(), TimeUnit.MILLISECONDS);
        LOG.infof("Forwarding dispatcher started: poll %d ms, backoff %d..%d ms, %d attempts, timeout %d ms, lease %d ms,"
                        + " %d senders", settings.pollIntervalMs(), settings.backoffBaseMs(), settings.backoffMaxMs(),
                settings.maxAttempts(), settings.timeoutMs(), settings.leaseMs(), SENDERS);
    }

    /**
     * Stops polling and waits briefly for the poll and the sends in progress, so that none of them runs into the
     * closed database; a send cut short keeps its lease and its row is sent again later (Idempotency-Key).
     */
    void stop() {
        stopping = true;
        if (poller == null) {
            return;
        }
        poller.shutdown();
        senders.shutdown();
        try {
            if (!poller.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS)
                    || !senders.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
                poller.shutdownNow();
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            poller.shutdownNow();
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.debug("Forwarding dispatcher stopped");
    }

    private void poll() {
        if (stopping) {
            return;
        }
        try {
            int capacity = free.availablePermits();
            List<Claim> claims = KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> claim(session, capacity));
            if (staleStatistics) {
                staleStatistics = false;
                refreshStatistics();
            }
            for (Claim claim : claims) {
                busy.get(claim.teamId()).incrementAndGet(); // released when the send is over (or never started)
                free.acquireUninterruptibly();
                try {
                    senders.execute(() -> {
                        try {
                            send(claim);
                        } finally {
                            release(claim);
                        }
                    });
                } catch (RuntimeException e) {
                    release(claim); // shutting down: the lease runs out and the row is sent later
                }
            }
        } catch (Throwable e) {
            if (stopping) {
                LOG.debugf("Forwarding poll ended by the shutdown: %s", e.getMessage());
            } else {
                LOG.warnf(e, "Forwarding poll failed; retrying at the next poll");
            }
        }
    }

    private void release(Claim claim) {
        busy.get(claim.teamId()).decrementAndGet();
        free.release();
        if (backlog) {
            pollSoon();
        }
    }

    /** Apart from the poll, so that a refused ANALYZE (the database user may not own the table) fails only itself. */
    private void refreshStatistics() {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> new OutboxStore(session).refreshStatistics());
        } catch (RuntimeException e) {
            LOG.warnf("Forwarding outbox: planner statistics not refreshed: %s", e.toString());
        }
    }

    /** Polls on the poller thread as soon as it is free (polls never overlap); one queued poll at a time. */
    private void pollSoon() {
        if (stopping || poller == null || !pollQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            poller.execute(() -> {
                pollQueued.set(false);
                poll();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pollQueued.set(false); // shutting down
        }
    }

    private List<Claim> claim(KeycloakSession session, int capacity) {
        OutboxStore outbox = new OutboxStore(session);
        long now = System.currentTimeMillis();
        if (now - lastCount >= SCAN_EVERY_MS) {
            lastCount = now;
            metrics.rows(outbox.countByState());
        }
        if (now - lastPrune > PRUNE_EVERY_MS) {
            lastPrune = now;
            outbox.deleteSentBefore(now - SENT_RETENTION_MS);
        }
        if (capacity == 0) {
            return List.of();
        }
        Map<String, ForwardConfig> enabled = new HashMap<>();
        Map<String, RealmModel> realms = new HashMap<>();
        if (idle || now - teamsReadAt >= SCAN_EVERY_MS) {
            teamsReadAt = now;
            teamsWithWork = outbox.teamsWithWork();
        }
        for (OutboxStore.TeamWithWork work : teamsWithWork) {
            RealmModel realm = session.realms().getRealm(work.realmId());
            TeamEntity team = TeamStore.anyRealmTeam(session, work.teamId());
            if (realm == null || team == null) {
                continue;
            }
            try {
                new ForwardConfigs(realm).find(team.getSlug()).filter(ForwardConfig::enabled)
                        .ifPresent(config -> {
                            enabled.put(team.getId(), config);
                            realms.put(team.getId(), realm);
                        });
            } catch (DomainException e) {
                LOG.warnf("Forwarding settings of team %s are unusable: %s", team.getSlug(), e.getMessage());
            }
        }
        if (enabled.isEmpty()) {
            backlog = false;
            idle = true;
            return List.of();
        }
        int max = capacity * 4;
        long started = System.nanoTime();
        List<OutboxEntity> due = outbox.due(enabled.keySet(), now, max);
        idle = due.isEmpty();
        if (System.nanoTime() - started > SLOW_DUE_NANOS && now - lastAnalyze >= ANALYZE_EVERY_MS) {
            // the due query follows its index in well under a millisecond; far slower, the planner's statistics are
            // older than the backlog (a bulk enqueue since autovacuum's last analyze)
            lastAnalyze = now;
            staleStatistics = true;
            LOG.debugf("Forwarding outbox: a due query of %d ms; refreshing the planner statistics",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
        List<Claim> claims = new ArrayList<>();
        Map<String, Integer> claimed = new HashMap<>();
        for (OutboxEntity row : due) {
            int teamBusy = busy.computeIfAbsent(row.getTeamId(), t -> new AtomicInteger()).get()
                    + claimed.getOrDefault(row.getTeamId(), 0);
            if (claims.size() == capacity || teamBusy >= SENDERS_PER_TEAM) {
                continue;
            }
            String claimId = KeycloakModelUtils.generateId();
            if (outbox.claim(row.getId(), claimId, now, now + settings.leaseMs())) {
                claimed.merge(row.getTeamId(), 1, Integer::sum);
                ForwardConfig config = enabled.get(row.getTeamId());
                claims.add(new Claim(row.getId(), row.getTeamId(), claimId, row.getMethod(), URI.create(config.baseUrl() + row.getPath()),
                        row.getBody(), token(session, realms.get(row.getTeamId()), config), row.getAttempts()));
            }
        }
        backlog = due.size() > claims.size() || due.size() == max;
        return claims;
    }

    /** The token, or the secret of its vault reference (vaults look secrets up by the context's realm). */
    private static String token(KeycloakSession session, RealmModel realm, ForwardConfig config) {
        if (!config.hasToken()) {
            return null;
        }
        session.getContext().setRealm(realm);
        try (var secret = session.vault().getStringSecret(config.token())) {
            return secret.get().orElse(null);
        }
    }

    private void send(Claim claim) {
        Outcome result;
        String error = null;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(claim.uri())
                    .timeout(Duration.ofMillis(settings.timeoutMs()))
                    .method(claim.method(), claim.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(claim.body()))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", claim.rowId())
                    .header("User-Agent", "preset-teams-forwarder");
            if (claim.token() != null) {
                request.header("Authorization", "Bearer " + claim.token());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            result = Outcome.of(claim.method(), response.statusCode()).afterAttempts(claim.attempts() + 1, settings.maxAttempts());
            if (result != Outcome.SENT) {
                String body = response.body() == null ? "" : response.body();
                error = "HTTP " + response.statusCode() + ": " + (body.length() > 200 ? body.substring(0, 200) : body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: the lease runs out and the row is sent again
        } catch (IOException e) {
            result = Outcome.unreachable(); // refused, reset, timed out: an outage waits, however long
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } catch (RuntimeException e) {
            result = Outcome.RETRY.afterAttempts(claim.attempts() + 1, settings.maxAttempts());
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        Outcome outcome = result;
        String lastError = error;
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> record(session, claim, outcome, lastError));
            metrics.call(outcome);
        } catch (RuntimeException e) {
            if (stopping) {
                LOG.debugf("Outcome of forwarding call %s not recorded at shutdown; it will be sent again", claim.rowId());
            } else {
                LOG.warnf(e, "Could not record the outcome of forwarding call %s; it will be sent again", claim.rowId());
            }
        }
        if (result != Outcome.SENT) {
            LOG.debugf("Forwarding call %s %s: %s (%s)", claim.rowId(), claim.method(), result, lastError);
        }
    }

    private void record(KeycloakSession session, Claim claim, Outcome outcome, String error) {
        OutboxEntity row = new OutboxStore(session).find(claim.rowId());
        if (row == null || !OutboxEntity.IN_FLIGHT.equals(row.getState()) || !claim.claimId().equals(row.getLeaseOwner())) {
            return; // dropped meanwhile, or claimed again after our lease ran out
        }
        long now = System.currentTimeMillis();
        row.setAttempts(row.getAttempts() + 1);
        row.setLeaseUntil(null);
        row.setLeaseOwner(null);
        if (error != null) {
            row.setLastError(error.length() > 1000 ? error.substring(0, 1000) : error);
        }
        switch (outcome) {
            case SENT -> {
                row.setState(OutboxEntity.SENT);
                row.setSentAt(now);
                row.setNextAttemptAt(null);
            }
            case RETRY -> {
                row.setState(OutboxEntity.PENDING);
                row.setNextAttemptAt(now + Backoff.delayMs(row.getAttempts(), settings.backoffBaseMs(),
                        settings.backoffMaxMs(), ThreadLocalRandom.current().nextDouble()));
            }
            case DEAD -> {
                row.setState(OutboxEntity.DEAD);
                row.setNextAttemptAt(null);
                LOG.warnf("Forwarding call %s %s of user %s is dead after %d attempts: %s", row.getId(), row.getMethod(),
                        row.getUserId(), row.getAttempts(), row.getLastError());
            }
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
