package io.preset.teams.ownership;

import io.preset.teams.ownership.dns.TxtAnswer;

import java.util.stream.Collectors;

/** The reason a DNS check did not verify a claim, for its {@code lastCheckError} (at most 512 characters). */
final class DnsCheckErrors {

    static final int MAX = 512;
    private static final int MAX_RECORD = 80;

    private DnsCheckErrors() {
    }

    static String of(String domain, String expected, TxtAnswer answer) {
        String reason;
        if (answer instanceof TxtAnswer.NoSuchDomain) {
            reason = "NXDOMAIN: " + domain + " does not exist in DNS";
        } else if (answer instanceof TxtAnswer.Failed f) {
            reason = "DNS look-up of " + domain + " failed: " + f.reason();
        } else {
            var values = ((TxtAnswer.Records) answer).values();
            reason = values.isEmpty()
                    ? "no matching record found: " + domain + " has no TXT records (expected '" + expected + "')"
                    : "no matching record found: expected '" + expected + "', found " + values.size()
                    + " TXT record(s): " + values.stream().map(v -> "'" + shorten(v, MAX_RECORD) + "'")
                    .collect(Collectors.joining(", "));
        }
        return shorten(reason, MAX);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
