package io.preset.teams.ownership.dns;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsWireTest {

    @Test
    void queryAsksRecursivelyForTxtWithAnEdnsPayloadOf4096() {
        byte[] q = DnsWire.query(0xbeef, "acme.test");
        assertEquals("beef" + "0100" + "0001" + "0000" + "0000" + "0001"
                + "0461636d6504746573740000100001" // acme.test TXT IN
                + "0000291000000000000000", HexFormat.of().formatHex(q));
        assertEquals(0xbeef, DnsWire.id(q, q.length));
        assertThrows(IllegalArgumentException.class, () -> DnsWire.query(1, "a..test"));
    }

    @Test
    void txtRecordsOfTheAnswerSectionEachWithItsStringsJoined() {
        byte[] answer = response(0, List.of(
                rr(16, txt("v=spf1 -all")),
                rr(5, new byte[] {0, 0}), // a CNAME is skipped
                rr(16, txt("preset-domain-verification=", "abc")),
                rr(16, txt(""))));
        TxtAnswer parsed = DnsWire.parseAnswer(answer, answer.length);
        assertEquals(new TxtAnswer.Records(List.of("v=spf1 -all", "preset-domain-verification=abc", "")), parsed);
    }

    @Test
    void nameWithoutTxtRecordsIsAnEmptyList() {
        byte[] answer = response(0, List.of());
        assertEquals(new TxtAnswer.Records(List.of()), DnsWire.parseAnswer(answer, answer.length));
    }

    @Test
    void rcodesTruncationAndGarbageAreReportedNotParsed() {
        byte[] nx = response(3, List.of());
        assertEquals(new TxtAnswer.NoSuchDomain(), DnsWire.parseAnswer(nx, nx.length));
        byte[] servfail = response(2, List.of());
        assertEquals(new TxtAnswer.Failed("server answered SERVFAIL (server failure)"), DnsWire.parseAnswer(servfail, servfail.length));

        byte[] truncated = response(0, List.of(rr(16, txt("x"))));
        truncated[2] |= 0x02;
        assertTrue(((TxtAnswer.Failed) DnsWire.parseAnswer(truncated, truncated.length)).reason().contains("truncated"));

        byte[] query = DnsWire.query(7, "acme.test");
        assertEquals(new TxtAnswer.Failed("malformed answer (not a response)"), DnsWire.parseAnswer(query, query.length));

        byte[] cut = response(0, List.of(rr(16, txt("preset-domain-verification=abc"))));
        TxtAnswer shortened = DnsWire.parseAnswer(cut, cut.length - 5);
        assertInstanceOf(TxtAnswer.Failed.class, shortened);
        assertTrue(((TxtAnswer.Failed) shortened).reason().startsWith("malformed answer"), shortened::toString);

        byte[] overrun = response(0, List.of(rr(16, new byte[] {(byte) 200, 'a'})));
        assertInstanceOf(TxtAnswer.Failed.class, DnsWire.parseAnswer(overrun, overrun.length));
        assertInstanceOf(TxtAnswer.Failed.class, DnsWire.parseAnswer(new byte[3], 3));
    }

    // --- a response as a recursive resolver sends it: question echoed, answers pointing at its name

    static byte[] response(int rcode, List<byte[]> answers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HexFormat.of().parseHex("1234" + "818" + rcode + "0001" + String.format("%04x", answers.size()) + "00000000"));
        out.writeBytes(HexFormat.of().parseHex("0461636d6504746573740000100001"));
        answers.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static byte[] rr(int type, byte[] rdata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HexFormat.of().parseHex("c00c" + String.format("%04x", type) + "0001" + "0000012c"
                + String.format("%04x", rdata.length)));
        out.writeBytes(rdata);
        return out.toByteArray();
    }

    static byte[] txt(String... strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : strings) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }
}
