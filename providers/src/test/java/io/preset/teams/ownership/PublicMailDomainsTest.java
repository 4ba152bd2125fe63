package io.preset.teams.ownership;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped list of public mail domains and the options of SPI preset-domains. */
class PublicMailDomainsTest {

    private static final Path NO_RESOLV_CONF = Path.of("/nonexistent/resolv.conf");

    @Test
    void shippedListHasTheWellKnownFreeMailDomains() {
        PublicMailDomains shipped = new PublicMailDomains(PublicMailDomains.shipped());
        for (String d : List.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.co.uk", "live.fr", "msn.com",
                "yahoo.co.jp", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.ch", "gmx.de",
                "web.de", "mail.ru", "yandex.ru", "qq.com", "163.com", "126.com", "zoho.com", "fastmail.com", "hey.com",
                "tutanota.com")) {
            assertTrue(shipped.isPublic(d), d);
        }
        assertTrue(shipped.domains().size() > 300, "a few hundred: " + shipped.domains().size());
        assertFalse(shipped.isPublic("acme.com"));
    }

    @Test
    void subdomainOfAPublicDomainIsPublicButNotTheOtherWayRound() {
        PublicMailDomains domains = new PublicMailDomains(java.util.Set.of("gmail.com", "yahoo.co.uk"));
        assertEquals(Optional.of("gmail.com"), domains.publicParent("eu.mx.gmail.com"));
        assertEquals(Optional.of("yahoo.co.uk"), domains.publicParent("yahoo.co.uk"));
        assertEquals(Optional.empty(), domains.publicParent("co.uk"));
        assertEquals(Optional.empty(), domains.publicParent("notgmail.com"));
    }

    @Test
    void optionsReplaceAndExtendTheListAndSetTheResolver(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("public.txt"), "# ours\nMail.Example.test  # trailing comment\n\nfree.test\n");
        DomainSettings settings = DomainSettings.from(Map.of("public-domains-file", file.toString(),
                "public-domains", "extra.test, Other.test", "dns-servers", "127.0.0.1:5353", "dns-timeout-ms", "250")::get,
                NO_RESOLV_CONF);
        assertEquals(java.util.Set.of("mail.example.test", "free.test", "extra.test", "other.test"), settings.publicDomains().domains());
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 5353)), settings.dnsServers());
        assertEquals(250, settings.dnsTimeoutMs());

        DomainSettings defaults = DomainSettings.from(Map.<String, String>of()::get, NO_RESOLV_CONF);
        assertTrue(defaults.publicDomains().isPublic("gmail.com"));
        assertEquals(List.of(), defaults.dnsServers(), "no resolv.conf, no server: look-ups fail with a reason");
        assertEquals(DomainSettings.DEFAULT_TIMEOUT_MS, defaults.dnsTimeoutMs());
    }

    @Test
    void badOptionsStopTheStartWithTheirReason(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.txt"), "gmail.com\nnot a domain\n");
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("dns-servers", "dns.example.test"), "host names are not accepted",
                Map.of("dns-timeout-ms", "0"), "dns-timeout-ms must be",
                Map.of("dns-timeout-ms", "soon"), "dns-timeout-ms must be",
                Map.of("public-domains", "gmail"), "public-domains: 'gmail' is not a domain name",
                Map.of("public-domains-file", dir.resolve("missing.txt").toString()), "cannot be read",
                Map.of("public-domains-file", bad.toString()), "bad.txt line 2");
        cases.forEach((options, reason) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DomainSettings.from(options::get, NO_RESOLV_CONF), options::toString);
            assertTrue(e.getMessage().startsWith("Invalid option of SPI preset-domains: "), e.getMessage());
            assertTrue(e.getMessage().contains(reason), e.getMessage());
        });
    }
}
