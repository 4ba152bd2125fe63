package io.preset.teams.ownership.dns;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against DNS servers on loopback that answer, stay silent, or are not there. */
class DnsTxtClientTest {

    private final List<DatagramSocket> sockets = new java.util.ArrayList<>();

    @AfterEach
    void close() {
        sockets.forEach(DatagramSocket::close);
    }

    @Test
    void answerOfTheServerWithTheQuerysIdIsRead() throws IOException {
        InetSocketAddress server = server(query -> withId(query,
                DnsWireTest.response(0, List.of(DnsWireTest.rr(16, DnsWireTest.txt("preset-domain-verification=t"))))));
        TxtAnswer answer = new DnsTxtClient(List.of(server), 2000).lookup("acme.test");
        assertEquals(new TxtAnswer.Records(List.of("preset-domain-verification=t")), answer);
    }

    @Test
    void silentServerTimesOutAndAStaleAnswerIsIgnored() throws IOException {
        InetSocketAddress server = server(query -> DnsWireTest.response(0, List.of())); // id 0x1234, never the query's
        long t0 = System.nanoTime();
        TxtAnswer answer = new DnsTxtClient(List.of(server), 300).lookup("acme.test");
        assertEquals(new TxtAnswer.Failed(DnsTxtClient.describe(server) + ": timeout (no answer within 300 ms)"), answer);
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000, "gives up after the timeout");
    }

    @Test
    void unreachableOrFailingServerHandsOverToTheNextOne() throws IOException {
        DatagramSocket gone = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress nobody = (InetSocketAddress) gone.getLocalSocketAddress();
        gone.close();
        InetSocketAddress failing = server(query -> withId(query, DnsWireTest.response(2, List.of())));
        InetSocketAddress nx = server(query -> withId(query, DnsWireTest.response(3, List.of())));

        TxtAnswer allFailed = new DnsTxtClient(List.of(nobody, failing), 1000).lookup("acme.test");
        String reason = assertInstanceOf(TxtAnswer.Failed.class, allFailed).reason();
        assertTrue(reason.contains(DnsTxtClient.describe(nobody) + ": server unreachable"), reason);
        assertTrue(reason.contains(DnsTxtClient.describe(failing) + ": server answered SERVFAIL"), reason);

        assertEquals(new TxtAnswer.NoSuchDomain(), new DnsTxtClient(List.of(failing, nx), 1000).lookup("acme.test"));
    }

    @Test
    void withoutServersTheLookUpSaysSo() {
        String reason = assertInstanceOf(TxtAnswer.Failed.class, new DnsTxtClient(List.of(), 1000).lookup("acme.test")).reason();
        assertTrue(reason.startsWith("no DNS server configured"), reason);
    }

    private static byte[] withId(byte[] query, byte[] answer) {
        answer[0] = query[0];
        answer[1] = query[1];
        return answer;
    }

    /** A UDP server on loopback that answers each datagram with {@code respond(query)}. */
    private InetSocketAddress server(UnaryOperator<byte[]> respond) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        sockets.add(socket);
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[4096];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                    socket.receive(p);
                    byte[] answer = respond.apply(java.util.Arrays.copyOf(buffer, p.getLength()));
                    socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }
}
