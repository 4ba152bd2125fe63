package io.preset.teams.ownership;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@code preset-domains}: the options of email-domain claims (DNS resolver, public mail domains). */
public class PresetDomainsSpi implements Spi {

    public static final String NAME = "preset-domains";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return PresetDomains.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PresetDomainsFactory.class;
    }
}
