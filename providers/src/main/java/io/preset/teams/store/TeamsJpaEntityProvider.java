package io.preset.teams.store;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

import java.util.List;

/** Adds the extension's entities and Liquibase changelog to Keycloak's persistence unit. */
public class TeamsJpaEntityProvider implements JpaEntityProvider {

    static final String CHANGELOG = "META-INF/preset-teams-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return TeamsEntities.ALL;
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return TeamsJpaEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
