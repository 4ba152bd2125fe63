package io.preset.teams.ownership.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** DNS server addresses: {@code host:port} options and the {@code nameserver} lines of resolv.conf. */
public final class Nameservers {

    public static final int DNS_PORT = 53;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Nameservers() {
    }

    /**
     * A comma- or space-separated list of IP addresses with an optional port: {@code 10.0.0.2}, {@code 10.0.0.2:5353},
     * {@code [::1]:53} or {@code ::1}. Host names are refused: resolving them would need the DNS being configured.
     */
    public static List<InetSocketAddress> parseList(String value) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String entry : value.split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                servers.add(parse(entry));
            }
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS server given");
        }
        return servers;
    }

    static InetSocketAddress parse(String entry) {
        String host = entry;
        int port = DNS_PORT;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw bad(entry);
            }
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(entry);
                }
                port = port(entry, rest.substring(1));
            }
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            host = entry.substring(0, entry.indexOf(':'));
            port = port(entry, entry.substring(entry.indexOf(':') + 1));
        }
        return new InetSocketAddress(address(entry, host), port);
    }

    /** The {@code nameserver} entries of a resolv.conf file; none when it is missing or unreadable. */
    public static List<InetSocketAddress> fromResolvConf(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.strip().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver")) {
                try {
                    servers.add(new InetSocketAddress(address(words[1], words[1]), DNS_PORT));
                } catch (IllegalArgumentException ignored) {
                    // an entry we cannot use (e.g. a scoped IPv6 address) is skipped, the others still work
                }
            }
        }
        return servers;
    }

    private static InetAddress address(String entry, String host) {
        boolean v4 = IPV4.matcher(host).matches();
        if (!v4 && host.indexOf(':') < 0) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address (host names are not accepted)");
        }
        if (v4 && Arrays.stream(host.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            throw bad(entry); // getByName would take it for a host name and look it up
        }
        try {
            return InetAddress.getByName(host); // a literal: no look-up
        } catch (UnknownHostException e) {
            throw bad(entry);
        }
    }

    private static int port(String entry, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("'" + entry + "' has no valid port (1-65535)");
    }

    private static IllegalArgumentException bad(String entry) {
        return new IllegalArgumentException("'" + entry + "' is not an IP address with an optional port "
                + "(e.g. 10.0.0.2, 10.0.0.2:5353, [::1]:53)");
    }
}
