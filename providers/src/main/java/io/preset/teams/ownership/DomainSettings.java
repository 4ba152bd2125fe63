package io.preset.teams.ownership;

import io.preset.teams.ownership.dns.DnsTxtClient;
import io.preset.teams.ownership.dns.Nameservers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The options of SPI {@value PresetDomainsSpi#NAME} ({@code --spi-preset-domains--default--<name>}):
 * {@code dns-servers} (IP[:port] list; default: the nameservers of /etc/resolv.conf), {@code dns-timeout-ms}
 * (per server, default 3000), {@code public-domains-file} (replaces the shipped list of public mail domains) and
 * {@code public-domains} (added to it). A value that cannot work stops Keycloak's start with its reason.
 */
public record DomainSettings(List<InetSocketAddress> dnsServers, int dnsTimeoutMs, PublicMailDomains publicDomains) {

    public static final int DEFAULT_TIMEOUT_MS = 3000;
    static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    /** {@code option} gives an option's value, or null when it is not set. */
    public static DomainSettings from(Function<String, String> option, Path resolvConf) {
        try {
            String servers = option.apply("dns-servers");
            List<InetSocketAddress> dns = blank(servers) ? Nameservers.fromResolvConf(resolvConf) : Nameservers.parseList(servers);
            return new DomainSettings(dns, timeout(option.apply("dns-timeout-ms")),
                    new PublicMailDomains(publicDomains(option.apply("public-domains-file"), option.apply("public-domains"))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid option of SPI " + PresetDomainsSpi.NAME + ": " + e.getMessage(), e);
        }
    }

    public DnsTxtClient resolver() {
        return new DnsTxtClient(dnsServers, dnsTimeoutMs);
    }

    private static int timeout(String value) {
        if (blank(value)) {
            return DEFAULT_TIMEOUT_MS;
        }
        try {
            int ms = Integer.parseInt(value.strip());
            if (ms >= 1 && ms <= 60_000) {
                return ms;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("dns-timeout-ms must be a number of milliseconds from 1 to 60000, got '" + value + "'");
    }

    private static Set<String> publicDomains(String file, String extra) {
        Set<String> domains = new HashSet<>(blank(file) ? PublicMailDomains.shipped() : readFile(Path.of(file.strip())));
        if (!blank(extra)) {
            for (String d : extra.split("[,\\s]+")) {
                if (!d.isEmpty()) {
                    domains.add(PublicMailDomains.normalised(d, "public-domains"));
                }
            }
        }
        return domains;
    }

    private static Set<String> readFile(Path file) {
        try {
            return PublicMailDomains.parse(Files.readAllLines(file), "public-domains-file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("public-domains-file " + file + " cannot be read (" + e + ")");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
