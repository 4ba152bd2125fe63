package io.preset.teams.forward;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@code preset-forwarder}: options of the dispatcher and the type of the per-team configuration components. */
public class PresetForwarderSpi implements Spi {

    public static final String NAME = "preset-forwarder";

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
        return PresetForwarder.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PresetForwarderFactory.class;
    }
}
