package io.preset.teams.store;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public class TeamsJpaEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String ID = "preset-teams";

    private static final TeamsJpaEntityProvider PROVIDER = new TeamsJpaEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // the store cleans its own rows when Keycloak deletes what they point at
        factory.register(new ModelCleanupListener());
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
