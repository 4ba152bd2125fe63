package io.preset.teams.ownership;

import io.preset.teams.ownership.dns.TxtAnswer;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsCheckErrorsTest {

    private static final String EXPECTED = "preset-domain-verification=abc";

    @Test
    void eachOutcomeHasItsReason() {
        assertEquals("NXDOMAIN: acme.test does not exist in DNS", DnsCheckErrors.of("acme.test", EXPECTED, new TxtAnswer.NoSuchDomain()));
        assertEquals("DNS look-up of acme.test failed: 10.0.0.2:53: timeout (no answer within 3000 ms)",
                DnsCheckErrors.of("acme.test", EXPECTED, new TxtAnswer.Failed("10.0.0.2:53: timeout (no answer within 3000 ms)")));
        assertEquals("no matching record found: acme.test has no TXT records (expected '" + EXPECTED + "')",
                DnsCheckErrors.of("acme.test", EXPECTED, new TxtAnswer.Records(List.of())));
        assertEquals("no matching record found: expected '" + EXPECTED + "', found 2 TXT record(s): 'v=spf1 -all', 'x'",
                DnsCheckErrors.of("acme.test", EXPECTED, new TxtAnswer.Records(List.of("v=spf1 -all", "x"))));
    }

    @Test
    void manyOrLongRecordsAreTruncatedToTheColumn() {
        String reason = DnsCheckErrors.of("acme.test", EXPECTED,
                new TxtAnswer.Records(Collections.nCopies(20, "google-site-verification=" + "x".repeat(200))));
        assertEquals(DnsCheckErrors.MAX, reason.length());
        assertTrue(reason.endsWith("..."), reason);
        assertTrue(reason.contains("found 20 TXT record(s): 'google-site-verification=xxx"), reason);
    }
}
