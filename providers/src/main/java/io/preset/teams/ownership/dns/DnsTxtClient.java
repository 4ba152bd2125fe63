package io.preset.teams.ownership.dns;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal DNS-over-UDP client for TXT records. Keycloak's Quarkus runtime does not promise JNDI's DNS
 * provider, and a test must be able to point the look-up at a stub server on loopback, so we speak the protocol
 * ourselves. The servers are asked in order; the first one that answers (records or NXDOMAIN) decides, a server
 * that fails (timeout, unreachable, SERVFAIL, truncated answer) hands over to the next one. Each server gets
 * {@code timeoutMs} at most.
 */
public final class DnsTxtClient implements TxtResolver {

    private static final Logger LOG = Logger.getLogger(DnsTxtClient.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<InetSocketAddress> servers;
    private final int timeoutMs;

    public DnsTxtClient(List<InetSocketAddress> servers, int timeoutMs) {
        this.servers = List.copyOf(servers);
        this.timeoutMs = timeoutMs;
    }

    public List<InetSocketAddress> servers() {
        return servers;
    }

    @Override
    public TxtAnswer lookup(String domain) {
        if (servers.isEmpty()) {
            return new TxtAnswer.Failed("no DNS server configured (none in /etc/resolv.conf; "
                    + "set --spi-preset-domains--default--dns-servers)");
        }
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            TxtAnswer answer = ask(server, domain);
            if (!(answer instanceof TxtAnswer.Failed failed)) {
                return answer;
            }
            LOG.debugf("TXT %s at %s: %s", domain, describe(server), failed.reason());
            failures.add(describe(server) + ": " + failed.reason());
        }
        return new TxtAnswer.Failed(String.join("; ", failures));
    }

    private TxtAnswer ask(InetSocketAddress server, String domain) {
        int id = RANDOM.nextInt(0x10000);
        byte[] query = DnsWire.query(id, domain);
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        try (DatagramSocket socket = new DatagramSocket()) {
            // connected: datagrams from anyone but the server are dropped, and ICMP "port unreachable" is reported
            socket.connect(server);
            socket.send(new DatagramPacket(query, query.length));
            byte[] buffer = new byte[DnsWire.UDP_PAYLOAD];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return timeout();
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                if (DnsWire.id(buffer, packet.getLength()) == id) { // else a stale answer of an earlier query
                    return DnsWire.parseAnswer(buffer, packet.getLength());
                }
            }
        } catch (SocketTimeoutException e) {
            return timeout();
        } catch (PortUnreachableException e) {
            return new TxtAnswer.Failed("server unreachable (nothing listens on that port)");
        } catch (IOException e) {
            return new TxtAnswer.Failed("server unreachable (" + e.getMessage() + ")");
        }
    }

    private TxtAnswer timeout() {
        return new TxtAnswer.Failed("timeout (no answer within " + timeoutMs + " ms)");
    }

    static String describe(InetSocketAddress server) {
        String host = server.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort();
    }
}
