package io.preset.teams.ownership.dns;

import java.util.List;

/** What a DNS server said about the TXT records of a name. */
public sealed interface TxtAnswer {

    /** The name exists; its TXT records (each record's strings joined), possibly none. */
    record Records(List<String> values) implements TxtAnswer {
        public Records {
            values = List.copyOf(values);
        }
    }

    /** The name does not exist (NXDOMAIN). */
    record NoSuchDomain() implements TxtAnswer {
    }

    /** No usable answer: timeout, unreachable server, server failure, truncated or malformed answer. */
    record Failed(String reason) implements TxtAnswer {
    }
}
