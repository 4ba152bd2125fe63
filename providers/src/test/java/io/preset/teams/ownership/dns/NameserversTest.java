package io.preset.teams.ownership.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameserversTest {

    @Test
    void addressesWithAndWithoutPorts() {
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 5353), new InetSocketAddress("10.0.0.2", 53),
                        new InetSocketAddress("::1", 53), new InetSocketAddress("::1", 5300), new InetSocketAddress("fd00::2", 53)),
                Nameservers.parseList("127.0.0.1:5353, 10.0.0.2 [::1] [::1]:5300,fd00::2"));
    }

    @Test
    void hostNamesBadPortsAndGarbageAreRefusedWithTheEntry() {
        for (String bad : List.of("dns.example.test", "1.1.1.1:0", "1.1.1.1:99999", "1.1.1.1:x", "300.1.1.1", "[::1", "[::1]x", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nameservers.parseList(bad), bad);
            assertTrue(bad.isEmpty() || e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void resolvConfGivesItsNameserversOnPort53(@TempDir Path dir) throws IOException {
        Path conf = Files.writeString(dir.resolve("resolv.conf"),
                "# generated\nsearch example.test\nnameserver 10.255.255.53\nnameserver  ::1 \nnameserver dns.example.test\noptions ndots:1\n");
        assertEquals(List.of(new InetSocketAddress("10.255.255.53", 53), new InetSocketAddress("::1", 53)),
                Nameservers.fromResolvConf(conf));
        assertEquals(List.of(), Nameservers.fromResolvConf(dir.resolve("missing")));
    }
}
