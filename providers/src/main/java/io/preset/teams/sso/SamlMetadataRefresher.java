package io.preset.teams.sso;

import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the teams' SAML identity providers current in the background, on every node, each identity provider with a
 * metadata URL or previous certificates in a short transaction of its own: fetches each metadata URL again (new signing certificates start a rollover window,
 * {@link CertificateRollover}) and stops accepting previous certificates once their window is over. Cluster-safe
 * without a lock: a round writes only what changed, so nodes that run at once repeat each other at worst.
 */
public final class SamlMetadataRefresher {

    private static final Logger LOG = Logger.getLogger(SamlMetadataRefresher.class);
    private static ScheduledExecutorService scheduler;

    private SamlMetadataRefresher() {
    }

    /** Starts refreshing on this node (once the schema is migrated); idempotent. */
    public static synchronized void start(KeycloakSessionFactory factory) {
        if (scheduler != null) {
            return;
        }
        long interval = SamlOptions.refreshIntervalMs();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "preset-saml-metadata-refresh");
            t.setDaemon(true);
            return t;
        });
        long first = interval / 2 + ThreadLocalRandom.current().nextLong(interval / 2 + 1);
        scheduler.scheduleWithFixedDelay(() -> refreshAll(factory), first, interval, TimeUnit.MILLISECONDS);
        LOG.debugf("SAML metadata refresh every %d ms", interval);
    }

    public static synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    static void refreshAll(KeycloakSessionFactory factory) {
        try {
            List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    TeamStore::realmIdsWithTeams);
            int changed = 0;
            for (String realmId : realmIds) {
                for (String alias : KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> due(s, realmId))) {
                    try {
                        changed += KeycloakModelUtils.runJobInTransactionWithResult(factory,
                                s -> refresh(s, realmId, alias) ? 1 : 0);
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "SAML metadata refresh of %s failed; retrying at the next round", alias);
                    }
                }
            }
            if (changed > 0) {
                LOG.debugf("SAML metadata refresh: %d identity providers changed", changed);
            }
        } catch (Throwable e) {
            LOG.warnf(e, "SAML metadata refresh failed; retrying at the next round");
        }
    }

    /** The team SAML identity providers of the realm with something to do: a metadata URL, or previous certificates. */
    private static List<String> due(KeycloakSession session, String realmId) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return List.of();
        }
        session.getContext().setRealm(realm);
        return session.identityProviders().getAllStream()
                .filter(idp -> idp.getAlias().startsWith(TeamIdentityProviders.ALIAS_PREFIX)
                        && TeamIdentityProviders.SAML.equals(idp.getProviderId())
                        && (idp.getConfig().get(TeamIdentityProviders.METADATA_URL) != null
                        || idp.getConfig().get(TeamIdentityProviders.PREVIOUS_CERTIFICATES) != null))
                .map(IdentityProviderModel::getAlias).toList();
    }

    private static boolean refresh(KeycloakSession session, String realmId, String alias) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            return false;
        }
        session.getContext().setRealm(realm);
        TeamStore store = new TeamStore(session, realm);
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        TeamEntity team = idp == null ? null : TeamIdentityProviders.teamOf(store, idp).orElse(null);
        if (team == null) {
            return false;
        }
        return new TeamSaml(session, store).refresh(team, idp, System.currentTimeMillis());
    }
}
