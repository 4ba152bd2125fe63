package io.preset.teams.forward;

import org.keycloak.provider.Provider;

/**
 * The provider type of SPI {@code preset-forwarder}. Its factories are the dispatcher ({@code default},
 * which reads the options) and the per-team configuration component ({@code preset-manager}); the
 * provider instances themselves do nothing.
 */
public interface PresetForwarder extends Provider {

    @Override
    default void close() {
    }
}
