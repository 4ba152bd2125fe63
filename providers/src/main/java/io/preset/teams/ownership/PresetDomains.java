package io.preset.teams.ownership;

import io.preset.teams.ownership.dns.TxtResolver;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/** The provider of SPI {@value PresetDomainsSpi#NAME}: what domain claims need from the server's options. */
public interface PresetDomains extends Provider {

    PublicMailDomains publicDomains();

    TxtResolver txtResolver();

    @Override
    default void close() {
    }

    static PresetDomains of(KeycloakSession session) {
        PresetDomains provider = session.getProvider(PresetDomains.class);
        if (provider == null) {
            throw new IllegalStateException("SPI " + PresetDomainsSpi.NAME + " has no provider");
        }
        return provider;
    }
}
