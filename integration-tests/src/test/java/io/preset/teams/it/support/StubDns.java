package io.preset.teams.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DNS server on loopback (UDP) that answers TXT questions from a map the tests set, so that DNS verification of
 * email domains can be tested without the internet. {@link LocalKeycloak} starts it before Keycloak and points
 * Keycloak's resolver (SPI {@code preset-domains}, option {@code dns-servers}) at it; a name the map does not know is
 * NXDOMAIN, and an answer larger than 4096 bytes comes back truncated (TC bit). One per test JVM, like the Keycloak it serves.
 */
public final class StubDns {

    private static StubDns shared;

    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();

    private StubDns() {
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot bind the stub DNS server", e);
        }
        Thread t = new Thread(this::serve, "stub-dns");
        t.setDaemon(true);
        t.start();
    }

    /** The server of this JVM, started on first use on a free port (kept for the JVM's life). */
    public static synchronized StubDns shared() {
        if (shared == null) {
            shared = new StubDns();
        }
        return shared;
    }

    /** {@code 127.0.0.1:<port>}, the value of option {@code dns-servers}. */
    public String address() {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    /** The TXT records of {@code domain} from now on (none: the name exists without TXT records). */
    public void txt(String domain, String... records) {
        txt.put(domain.toLowerCase(Locale.ROOT), List.of(records));
    }

    /** {@code domain} no longer exists (NXDOMAIN). */
    public void remove(String domain) {
        txt.remove(domain.toLowerCase(Locale.ROOT));
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] answer = answer(buffer, packet.getLength());
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                System.err.println("[stub-dns] " + e);
            }
        }
    }

    /** Echoes the question; TXT records of a known name in the answer section, NXDOMAIN for an unknown one. */
    private byte[] answer(byte[] query, int length) {
        int end = 12;
        StringBuilder name = new StringBuilder();
        while (query[end] != 0) {
            int len = query[end];
            name.append(name.length() == 0 ? "" : ".").append(new String(query, end + 1, len, StandardCharsets.US_ASCII));
            end += len + 1;
        }
        end += 5; // zero label, type, class
        List<String> records = txt.get(name.toString().toLowerCase(Locale.ROOT));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(query, 0, 2); // id
        u16(out, 0x8180 | (records == null ? 3 : 0)); // response, RD, RA; NXDOMAIN when unknown
        u16(out, 1);
        u16(out, records == null ? 0 : records.size());
        u16(out, 0);
        u16(out, 0);
        out.write(query, 12, end - 12);
        for (String record : records == null ? List.<String>of() : records) {
            byte[] value = record.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream rdata = new ByteArrayOutputStream();
            for (int i = 0; i < value.length || i == 0; i += 255) { // strings of at most 255 bytes
                int n = Math.min(255, value.length - i);
                rdata.write(n);
                rdata.write(value, i, n);
            }
            u16(out, 0xc00c); // pointer to the question's name
            u16(out, 16); // TXT
            u16(out, 1); // IN
            u16(out, 0);
            u16(out, 60); // TTL
            u16(out, rdata.size());
            out.writeBytes(rdata.toByteArray());
        }
        if (out.size() > 4096) { // more than the client's EDNS payload: only the header, with the TC bit
            byte[] truncated = new byte[12];
            System.arraycopy(query, 0, truncated, 0, 2);
            truncated[2] = (byte) 0x82;
            truncated[3] = (byte) 0x80;
            return truncated;
        }
        return out.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }
}
