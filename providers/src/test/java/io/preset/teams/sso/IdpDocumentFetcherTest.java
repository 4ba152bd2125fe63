package io.preset.teams.sso;

import io.preset.teams.common.DomainException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdpDocumentFetcherTest {

    private final AtomicInteger lookups = new AtomicInteger();

    private IdpDocumentFetcher fetcher(String ip, Set<String> privateHosts) {
        return new IdpDocumentFetcher(host -> {
            lookups.incrementAndGet();
            if (ip == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[]{InetAddress.getByName(ip)};
        }, privateHosts, 2000);
    }

    private static String refusal(Runnable call) {
        DomainException e = assertThrows(DomainException.class, call::run);
        assertEquals(DomainException.Kind.INVALID, e.kind());
        return e.getMessage();
    }

    @Test
    void onlyAbsoluteHttpsUrlsWithoutCredentialsAreTaken() {
        IdpDocumentFetcher f = fetcher("8.8.8.8", Set.of());
        for (String url : List.of("http://idp.example/metadata", "ftp://idp.example/m", "file:///etc/passwd",
                "/relative/metadata", "https://user:pw@idp.example/m", "https://", "not a url", "")) {
            assertTrue(refusal(() -> f.check(url)).startsWith("'metadataUrl' "), url);
        }
        assertEquals("https://acme.okta.com/app/exk1/sso/saml/metadata",
                f.check(" https://acme.okta.com/app/exk1/sso/saml/metadata ").toString());
        assertEquals(0, lookups.get(), "checking a URL resolves nothing");
    }

    @Test
    void aHostResolvingIntoThePrivateNetworkIsRefusedBeforeAnyConnection() {
        for (String ip : List.of("169.254.169.254", "127.0.0.1", "10.1.2.3", "::1")) {
            String message = refusal(() -> fetcher(ip, Set.of()).fetch("https://metadata.attacker.example/x"));
            assertTrue(message.contains("private or reserved address"), message);
        }
        assertTrue(refusal(() -> fetcher(null, Set.of()).fetch("https://nowhere.example/x")).contains("does not resolve"));
    }

    @Test
    void theDevelopmentAllowanceCoversOnlyTheNamedHosts() {
        IdpDocumentFetcher f = fetcher("127.0.0.1", Set.of("localhost"));
        assertEquals("http://localhost:8080/realms/x/protocol/saml/descriptor",
                f.check("http://localhost:8080/realms/x/protocol/saml/descriptor").toString());
        assertTrue(refusal(() -> f.check("http://127.0.0.1:8080/x")).contains("https"));
        assertTrue(refusal(() -> f.fetch("https://127.0.0.1:8443/x")).contains("private or reserved"));
    }
}
