package io.preset.teams.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the Preset Manager API that the forwarder calls, for tests only: an HTTP server on 127.0.0.1 (free
 * port) that records every call and answers {@code 200 {}} unless told otherwise.
 *
 * <pre>{@code
 * try (ManagerStandIn manager = ManagerStandIn.start()) {
 *     manager.answer(c -> c.path().endsWith("/memberships/ann@x.io"), 503);     // always
 *     manager.answer(c -> c.method().equals("PUT"), 400, 1);                    // the next matching call only
 *     manager.hang();  ...  manager.release();       // hold calls unanswered, then cut them off
 *     manager.down();  ...  manager.up();            // connection refused, then listening again on the same port
 *     List<Call> ok = manager.await(calls -> calls.size() >= 3, Duration.ofSeconds(10), "three calls");
 * }
 * }</pre>
 * Calls are recorded on arrival; {@link Call#status()} is the status answered, or {@link Call#UNANSWERED} for a call
 * that was held by {@link #hang()} (the caller never got an answer for it).
 */
public final class ManagerStandIn implements AutoCloseable {

    /** Status of a call that got no answer (held by {@link #hang()}, then cut off by {@link #release()}). */
    public static final int UNANSWERED = 0;

    /** One request as it arrived. Header names are lower-case. */
    public static final class Call {
        private final String method;
        private final String path;
        private final String rawPath;
        private final JsonNode body;
        private final String rawBody;
        private final Map<String, String> headers;
        private final Instant at;
        private volatile int status = UNANSWERED;

        Call(String method, String path, String rawPath, String rawBody, Map<String, String> headers, Instant at) {
            this.method = method;
            this.path = path;
            this.rawPath = rawPath;
            this.rawBody = rawBody;
            this.body = Http.parseOrNull(rawBody);
            this.headers = headers;
            this.at = at;
        }

        public String method() {
            return method;
        }

        /** The decoded path, e.g. {@code /v1/teams/acme/memberships/ann@example.com}. */
        public String path() {
            return path;
        }

        /** The path as sent, percent-encoding kept. */
        public String rawPath() {
            return rawPath;
        }

        /** The body parsed as JSON, or null (no body, or not JSON: see {@link #rawBody()}). */
        public JsonNode body() {
            return body;
        }

        public String rawBody() {
            return rawBody;
        }

        /** Header value (name case-insensitive), or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public Map<String, String> headers() {
            return headers;
        }

        public String authorization() {
            return header("Authorization");
        }

        public String idempotencyKey() {
            return header("Idempotency-Key");
        }

        public Instant at() {
            return at;
        }

        public int status() {
            return status;
        }

        public boolean succeeded() {
            return status >= 200 && status < 300;
        }

        /**
         * {@code METHOD path body} (body as compact JSON with keys sorted, omitted when empty): easy to compare with
         * {@link #line(String, String, Object)} and to read in a failure.
         */
        public String line() {
            return method + " " + path + (rawBody.isEmpty() ? "" : " " + (body != null ? canonical(body) : rawBody));
        }

        @Override
        public String toString() {
            return line() + " -> " + (status == UNANSWERED ? "no answer" : Integer.toString(status));
        }
    }

    private record Rule(Predicate<Call> matches, int status, String body, int[] remaining) {
    }

    private final int port;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "manager-stand-in");
        t.setDaemon(true);
        return t;
    });
    private HttpServer server;
    /** Completed when the stand-in stops holding calls; a fresh one while hanging. */
    private volatile CompletableFuture<Void> hold = CompletableFuture.completedFuture(null);

    private ManagerStandIn(HttpServer server) {
        this.server = server;
        this.port = server.getAddress().getPort();
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts listening on 127.0.0.1 on a free port. */
    public static ManagerStandIn start() {
        return new ManagerStandIn(bind(0));
    }

    /** e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    // ------------------------------------------------------------------------------------------------ behaviour

    /** Answers {@code status} (body {@code {}}) to every call matching {@code matches}, until {@link #reset()}. */
    public synchronized ManagerStandIn answer(Predicate<Call> matches, int status) {
        return answer(matches, status, -1);
    }

    /** Answers {@code status} to the next {@code times} calls matching {@code matches} ({@code -1}: always). */
    public synchronized ManagerStandIn answer(Predicate<Call> matches, int status, int times) {
        rules.add(new Rule(matches, status, "{\"message\":\"stand-in answers " + status + "\"}", new int[] {times}));
        return this;
    }

    /** Back to answering 200 to everything (recorded calls are kept; see {@link #clear()}). */
    public synchronized ManagerStandIn reset() {
        rules.clear();
        return this;
    }

    /** Forgets the recorded calls. */
    public void clear() {
        calls.clear();
    }

    /** From now on, accepts calls and holds them without an answer (the caller times out) until {@link #release()}. */
    public synchronized void hang() {
        if (hold.isDone()) {
            hold = new CompletableFuture<>();
        }
    }

    /**
     * Stops holding calls: those held so far are cut off without an answer (the connection is closed, as a peer that
     * timed out would see it; they stay {@link #UNANSWERED}), later calls are answered normally.
     */
    public synchronized void release() {
        hold.complete(null);
    }

    /** Stops listening: calls get "connection refused" until {@link #up()}. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void up() {
        if (server == null) {
            server = bind(port);
            server.createContext("/", this::handle);
            server.setExecutor(executor);
            server.start();
        }
    }

    @Override
    public synchronized void close() {
        release();
        down();
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------ what arrived

    /** Every call so far, in order of arrival. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls answered 2xx, in order of arrival. */
    public List<Call> succeeded() {
        return calls.stream().filter(Call::succeeded).toList();
    }

    /** Calls whose decoded path starts with {@code pathPrefix}, in order of arrival. */
    public List<Call> calls(String pathPrefix) {
        return calls.stream().filter(c -> c.path().startsWith(pathPrefix)).toList();
    }

    /** Calls answered 2xx whose decoded path starts with {@code pathPrefix}, in order of arrival. */
    public List<Call> succeeded(String pathPrefix) {
        return calls.stream().filter(c -> c.succeeded() && c.path().startsWith(pathPrefix)).toList();
    }

    /**
     * Waits until {@code condition} holds for the calls recorded so far (all of them, answered or not) and returns
     * them; fails with {@code what} and the calls seen when {@code timeout} passes.
     */
    public List<Call> await(Predicate<List<Call>> condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<Call> now = calls();
            if (condition.test(now)) {
                return now;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the stand-in did not get " + what + " within " + timeout.toMillis()
                        + " ms; calls so far:\n" + describe(now));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until at least {@code n} calls under {@code pathPrefix} succeeded and returns those calls. */
    public List<Call> awaitSucceeded(String pathPrefix, int n, Duration timeout) {
        await(all -> all.stream().filter(c -> c.succeeded() && c.path().startsWith(pathPrefix)).count() >= n, timeout,
                n + " successful calls under " + pathPrefix);
        return succeeded(pathPrefix);
    }

    /** The {@link Call#line()} of a call with this method, decoded path and body (a Map, JsonNode or null). */
    public static String line(String method, String path, Object body) {
        return method + " " + path + (body == null ? "" : " " + canonical(Http.MAPPER.valueToTree(body)));
    }

    /** Compact JSON with object keys sorted, so that key order does not matter when comparing. */
    static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            node.fields().forEachRemaining(e -> sorted.put(e.getKey(), canonical(e.getValue())));
            return sorted.entrySet().stream().map(e -> Http.toJson(e.getKey()) + ":" + e.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(canonical(n)));
            return "[" + String.join(",", items) + "]";
        }
        return node.toString();
    }

    /** One {@link Call#toString()} per line. */
    public static String describe(List<Call> calls) {
        return calls.isEmpty() ? "  (none)" : calls.stream().map(c -> "  " + c).collect(Collectors.joining("\n"));
    }

    // ------------------------------------------------------------------------------------------------ server

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawBody;
            try (InputStream in = exchange.getRequestBody()) {
                rawBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawPath(), rawBody, Map.copyOf(headers), Instant.now());
            calls.add(call);

            CompletableFuture<Void> heldBy = hold;
            if (!heldBy.isDone()) {
                heldBy.join();
                return; // cut off: closing the exchange without a response closes the connection
            }
            int status = 200;
            String body = "{}";
            synchronized (this) {
                for (Rule rule : rules) {
                    if (rule.remaining()[0] != 0 && rule.matches().test(call)) {
                        if (rule.remaining()[0] > 0) {
                            rule.remaining()[0]--;
                        }
                        status = rule.status();
                        body = rule.body();
                        break;
                    }
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            call.status = status;
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static HttpServer bind(int port) {
        try {
            return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }
}
