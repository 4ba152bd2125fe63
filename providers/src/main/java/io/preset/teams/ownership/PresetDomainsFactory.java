package io.preset.teams.ownership;

import io.preset.teams.ownership.dns.TxtResolver;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/** Provider {@code default} of SPI {@value PresetDomainsSpi#NAME}: reads the options once, at start. */
public class PresetDomainsFactory implements ProviderFactory<PresetDomains> {

    public static final String ID = "default";
    private static final Logger LOG = Logger.getLogger(PresetDomainsFactory.class);

    private PresetDomains provider;

    @Override
    public void init(Config.Scope config) {
        DomainSettings settings = DomainSettings.from(config::get, DomainSettings.RESOLV_CONF);
        if (settings.dnsServers().isEmpty()) {
            LOG.warnf("No DNS server in %s and no option dns-servers of SPI %s: DNS verification of email domains "
                    + "will fail until one is configured", DomainSettings.RESOLV_CONF, PresetDomainsSpi.NAME);
        }
        LOG.debugf("Email domains: DNS servers %s, timeout %d ms, %d public mail domains", settings.dnsServers(),
                settings.dnsTimeoutMs(), settings.publicDomains().domains().size());
        provider = new Configured(settings.publicDomains(), settings.resolver());
    }

    private record Configured(PublicMailDomains publicDomains, TxtResolver txtResolver) implements PresetDomains {
    }

    @Override
    public PresetDomains create(KeycloakSession session) {
        return provider;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
