package io.preset.teams.ownership.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The DNS wire format (RFC 1035) for one TXT question over UDP: the query we send and the parts of the answer we
 * read. EDNS(0) advertises a 4096-byte UDP payload, so that a domain with many TXT records (SPF, several
 * verification tokens) still fits in one datagram; an answer that does not fit comes back truncated and is refused,
 * since we do not retry over TCP.
 */
public final class DnsWire {

    public static final int TYPE_TXT = 16;
    public static final int TYPE_OPT = 41;
    public static final int CLASS_IN = 1;
    public static final int UDP_PAYLOAD = 4096;

    private static final int FLAG_QR = 0x8000;
    private static final int FLAG_TC = 0x0200;
    private static final int FLAG_RD = 0x0100;
    private static final int RCODE_NXDOMAIN = 3;

    private DnsWire() {
    }

    /** A recursive query for the TXT records of {@code name} with message id {@code id}. */
    public static byte[] query(int id, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        writeShort(out, id);
        writeShort(out, FLAG_RD);
        writeShort(out, 1); // questions
        writeShort(out, 0); // answers
        writeShort(out, 0); // authority
        writeShort(out, 1); // additional: the OPT record
        writeName(out, name);
        writeShort(out, TYPE_TXT);
        writeShort(out, CLASS_IN);
        out.write(0); // OPT: root name
        writeShort(out, TYPE_OPT);
        writeShort(out, UDP_PAYLOAD);
        writeShort(out, 0); // extended rcode, version
        writeShort(out, 0); // flags
        writeShort(out, 0); // no options
        return out.toByteArray();
    }

    /** The message id of a message (for matching an answer to its query). */
    public static int id(byte[] message, int length) {
        return length < 2 ? -1 : ((message[0] & 0xff) << 8) | (message[1] & 0xff);
    }

    /** Reads the answer to a TXT query: the TXT records of its answer section, NXDOMAIN, or why it is unusable. */
    public static TxtAnswer parseAnswer(byte[] message, int length) {
        try {
            Reader r = new Reader(message, length);
            r.skip(2); // id
            int flags = r.u16();
            int questions = r.u16();
            int answers = r.u16();
            r.skip(4); // authority and additional counts: not read
            if ((flags & FLAG_QR) == 0) {
                return new TxtAnswer.Failed("malformed answer (not a response)");
            }
            if ((flags & FLAG_TC) != 0) {
                return new TxtAnswer.Failed("answer truncated (TC bit set; too many TXT records for UDP, "
                        + "and TCP is not supported)");
            }
            int rcode = flags & 0x0f;
            if (rcode == RCODE_NXDOMAIN) {
                return new TxtAnswer.NoSuchDomain();
            }
            if (rcode != 0) {
                return new TxtAnswer.Failed("server answered " + rcodeName(rcode));
            }
            for (int i = 0; i < questions; i++) {
                r.skipName();
                r.skip(4);
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                r.skipName();
                int type = r.u16();
                int cls = r.u16();
                r.skip(4); // TTL
                int rdLength = r.u16();
                int end = r.position() + rdLength;
                r.require(rdLength);
                if (type == TYPE_TXT && cls == CLASS_IN) {
                    values.add(r.characterStrings(end));
                }
                r.seek(end);
            }
            return new TxtAnswer.Records(values);
        } catch (IndexOutOfBoundsException e) {
            return new TxtAnswer.Failed("malformed answer (" + e.getMessage() + ")");
        }
    }

    static String rcodeName(int rcode) {
        return switch (rcode) {
            case 1 -> "FORMERR (format error)";
            case 2 -> "SERVFAIL (server failure)";
            case 4 -> "NOTIMP (not implemented)";
            case 5 -> "REFUSED";
            default -> "RCODE " + rcode;
        };
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length == 0 || bytes.length > 63) {
                throw new IllegalArgumentException("not a DNS name: " + name);
            }
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        out.write(0);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xff);
        out.write(value & 0xff);
    }

    /** Bounds-checked reading; every overrun is an {@link IndexOutOfBoundsException} naming the offset. */
    private static final class Reader {
        private final byte[] data;
        private final int length;
        private int pos;

        Reader(byte[] data, int length) {
            this.data = data;
            this.length = Math.min(length, data.length);
        }

        int position() {
            return pos;
        }

        void require(int n) {
            if (n < 0 || pos + n > length) {
                throw new IndexOutOfBoundsException("ends at byte " + length + ", needed " + (pos + n));
            }
        }

        void skip(int n) {
            require(n);
            pos += n;
        }

        void seek(int to) {
            pos = 0;
            skip(to);
        }

        int u8() {
            require(1);
            return data[pos++] & 0xff;
        }

        int u16() {
            return (u8() << 8) | u8();
        }

        /** A name ends at a zero label or at a compression pointer (whose target we never need to read). */
        void skipName() {
            while (true) {
                int len = u8();
                if (len == 0) {
                    return;
                }
                if ((len & 0xc0) == 0xc0) {
                    skip(1);
                    return;
                }
                if ((len & 0xc0) != 0) {
                    throw new IndexOutOfBoundsException("bad label at byte " + (pos - 1));
                }
                skip(len);
            }
        }

        /** A TXT record's RDATA: one or more length-prefixed strings, joined as one value (RFC 7208 3.3). */
        String characterStrings(int end) {
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            while (pos < end) {
                int len = u8();
                if (pos + len > end) {
                    throw new IndexOutOfBoundsException("TXT string overruns its record at byte " + pos);
                }
                value.write(data, pos, len);
                pos += len;
            }
            return value.toString(StandardCharsets.UTF_8);
        }
    }
}
