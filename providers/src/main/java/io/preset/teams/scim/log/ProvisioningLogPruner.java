package io.preset.teams.scim.log;

import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Prunes every team's provisioning log to its retention and size ({@link ProvisioningLogSettings}) in the background,
 * on every node, each team in a short transaction of its own. Cluster-safe without a lock: the deletes are bounded by
 * time and idempotent, so nodes that prune at once repeat each other's work at worst; a random start spreads them.
 */
public final class ProvisioningLogPruner {

    private static final Logger LOG = Logger.getLogger(ProvisioningLogPruner.class);
    private static ScheduledExecutorService scheduler;

    private ProvisioningLogPruner() {
    }

    /** Starts pruning on this node (once the schema is migrated); idempotent. */
    public static synchronized void start(KeycloakSessionFactory factory) {
        if (scheduler != null) {
            return;
        }
        long interval = ProvisioningLogSettings.pruneIntervalMs();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "preset-scim-log-prune");
            t.setDaemon(true);
            return t;
        });
        long first = interval / 2 + ThreadLocalRandom.current().nextLong(interval / 2 + 1);
        scheduler.scheduleWithFixedDelay(() -> pruneAll(factory), first, interval, TimeUnit.MILLISECONDS);
        LOG.debugf("Provisioning log pruning every %d ms", interval);
    }

    public static synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    static void pruneAll(KeycloakSessionFactory factory) {
        try {
            List<String> teamIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    TeamStore::allTeamIds);
            long now = System.currentTimeMillis();
            int deleted = 0;
            for (String teamId : teamIds) {
                deleted += KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
                    TeamEntity team = TeamStore.anyRealmTeam(s, teamId);
                    RealmModel realm = team == null ? null : s.realms().getRealm(team.getRealmId());
                    if (realm == null) {
                        return 0;
                    }
                    return new ProvisioningLogStore(s).prune(teamId, now, ProvisioningLogSettings.retentionMs(realm, team.getSlug()),
                            ProvisioningLogSettings.maxRows(realm, team.getSlug()));
                });
            }
            if (deleted > 0) {
                LOG.debugf("Provisioning log: pruned %d rows of %d teams", deleted, teamIds.size());
            }
        } catch (Throwable e) {
            LOG.warnf(e, "Provisioning log pruning failed; retrying at the next round");
        }
    }
}
