package io.preset.teams.realmio;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@code preset-team-declaration}: the component type of {@link TeamDeclaration}s. */
public class TeamDeclarationSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "preset-team-declaration";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return TeamDeclaration.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return TeamDeclarationFactory.class;
    }
}
