package io.preset.teams.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stand-in behaves as ForwardingIT relies on (no Keycloak needed; runs with the unit tests). */
class ManagerStandInTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static int send(ManagerStandIn m, String method, String path, String body, Duration timeout) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(m.baseUrl() + path)).timeout(timeout)
                .header("Authorization", "Bearer t").header("Idempotency-Key", "k-" + path)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void recordsAnswersRulesAndDecodedPaths() throws Exception {
        try (ManagerStandIn m = ManagerStandIn.start()) {
            m.answer(c -> c.path().endsWith("/b@x.io"), 503, 2);
            assertEquals(200, send(m, "PATCH", "/v1/teams/t/memberships/a%40x.io", "{\"team_role_id\":2}", Duration.ofSeconds(2)));
            assertEquals(503, send(m, "DELETE", "/v1/teams/t/memberships/b%40x.io", null, Duration.ofSeconds(2)));
            assertEquals(503, send(m, "DELETE", "/v1/teams/t/memberships/b@x.io", null, Duration.ofSeconds(2)));
            assertEquals(200, send(m, "DELETE", "/v1/teams/t/memberships/b@x.io", null, Duration.ofSeconds(2)), "rule used up");
            ManagerStandIn.Call first = m.calls().get(0);
            assertEquals(ManagerStandIn.line("PATCH", "/v1/teams/t/memberships/a@x.io", Map.of("team_role_id", 2)), first.line());
            assertEquals("/v1/teams/t/memberships/a%40x.io", first.rawPath());
            assertEquals("Bearer t", first.authorization());
            assertEquals("k-/v1/teams/t/memberships/a%40x.io", first.idempotencyKey());
            assertEquals(4, m.calls().size());
            assertEquals(2, m.succeeded().size());
            assertEquals(List.of(first), m.succeeded("/v1/teams/t/memberships/a"));
        }
    }

    @Test
    void canonicalLinesIgnoreKeyOrder() {
        assertEquals(ManagerStandIn.line("PUT", "/p", Map.of("user_id", "u", "role_identifier", "R")),
                "PUT /p {\"role_identifier\":\"R\",\"user_id\":\"u\"}");
    }

    @Test
    void hangHoldsCallsUntilReleasedAndThenCutsThemOff() throws Exception {
        try (ManagerStandIn m = ManagerStandIn.start()) {
            m.hang();
            assertThrows(HttpTimeoutException.class, () -> send(m, "PUT", "/a", "{}", Duration.ofMillis(300)));
            CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> {
                try {
                    return send(m, "PUT", "/b", "{}", Duration.ofSeconds(10));
                } catch (IOException e) {
                    return -1; // cut off
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            m.await(cs -> cs.size() == 2, Duration.ofSeconds(5), "two held calls");
            m.release();
            assertEquals(-1, held.get(), "a held call never gets an answer");
            assertEquals(200, send(m, "PUT", "/c", "{}", Duration.ofSeconds(2)));
            assertEquals(ManagerStandIn.UNANSWERED, m.calls().get(0).status());
            assertEquals(ManagerStandIn.UNANSWERED, m.calls().get(1).status());
            assertEquals(List.of("/c"), m.succeeded().stream().map(ManagerStandIn.Call::path).toList());
        }
    }

    @Test
    void downRefusesConnectionsAndUpListensOnTheSamePort() throws Exception {
        try (ManagerStandIn m = ManagerStandIn.start()) {
            String url = m.baseUrl();
            m.down();
            assertThrows(java.net.ConnectException.class, () -> send(m, "GET", "/x", null, Duration.ofSeconds(2)));
            m.up();
            assertEquals(url, m.baseUrl());
            assertEquals(200, send(m, "GET", "/x", null, Duration.ofSeconds(2)));
            assertEquals(1, m.calls().size());
            AssertionError e = assertThrows(AssertionError.class,
                    () -> m.await(cs -> cs.size() > 1, Duration.ofMillis(100), "a second call"));
            assertTrue(e.getMessage().contains("a second call"), e.getMessage());
        }
    }
}
