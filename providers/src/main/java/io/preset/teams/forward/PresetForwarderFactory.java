package io.preset.teams.forward;

import org.keycloak.provider.ProviderFactory;

/** A factory of SPI {@code preset-forwarder}. */
public interface PresetForwarderFactory extends ProviderFactory<PresetForwarder> {
}
