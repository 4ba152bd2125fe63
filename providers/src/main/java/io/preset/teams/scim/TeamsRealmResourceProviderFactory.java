package io.preset.teams.scim;

import io.preset.teams.scim.limit.ScimConcurrencyLimiter;
import io.preset.teams.scim.limit.ScimQueryLimits;
import io.preset.teams.scim.log.ProvisioningLog;
import io.preset.teams.scim.log.ProvisioningLogPruner;
import io.preset.teams.scim.log.ProvisioningLogSettings;
import io.preset.teams.scim.limit.ScimRateLimiter;
import io.preset.teams.sso.SamlMetadataRefresher;
import io.preset.teams.sso.SamlOptions;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Mounts {@code /realms/{realm}/teams}; the built-in id {@code scim} belongs to Keycloak's own preview. */
public class TeamsRealmResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "teams";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new TeamsRealmResourceProvider(session);
    }

    @Override
    public void init(Config.Scope config) {
        ScimRateLimiter.configure(config);
        ScimConcurrencyLimiter.configure(config);
        ScimQueryLimits.configure(config);
        ProvisioningLogSettings.configure(config);
        SamlOptions.configure(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        ProvisioningLog.init(factory);
        // prune once the database schema is migrated (the log's table may not exist before)
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                ProvisioningLogPruner.start(factory);
                SamlMetadataRefresher.start(factory);
            }
        });
    }

    @Override
    public void close() {
        ProvisioningLogPruner.stop();
        SamlMetadataRefresher.stop();
    }

    @Override
    public String getId() {
        return ID;
    }
}
