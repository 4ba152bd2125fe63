package io.preset.teams.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Minimal JSON-over-HTTP helper for ITs.
 *
 * <pre>{@code
 * Http.Response r = Http.get(url, token);
 * Http.Response r = Http.send("POST", url, token, Map.of("displayName", "x"));           // application/json
 * Http.Response r = Http.request("PATCH", url).bearer(token).contentType("application/scim+json").body(json).send();
 * r.status(); r.header("Location"); r.body(); r.json();   // json() is null unless the body parses as JSON
 * }</pre>
 * A body that is a {@link String} is sent as is (UTF-8), a {@code byte[]} byte for byte (e.g. invalid UTF-8);
 * anything else is serialized with {@link #MAPPER}.
 * Redirects are not followed.
 */
public final class Http {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {
    }

    public record Response(int status, HttpHeaders headers, String body, JsonNode json) {

        /** First value of the header (case-insensitive), or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** JSON body; fails with status and raw body when the body is not JSON. */
        public JsonNode requireJson() {
            if (json == null) {
                throw new AssertionError("expected a JSON body, got HTTP " + status + ": " + body);
            }
            return json;
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }

    public static Builder request(String method, String url) {
        return new Builder(method, url);
    }

    /** {@code body} may be null (no body), a String (sent verbatim) or any Jackson-serializable object. */
    public static Response send(String method, String url, String bearerToken, Object body) {
        return request(method, url).bearer(bearerToken).body(body).send();
    }

    public static Response send(String method, String url, String bearerToken, Object body, String contentType) {
        return request(method, url).bearer(bearerToken).body(body).contentType(contentType).send();
    }

    public static Response get(String url, String bearerToken) {
        return send("GET", url, bearerToken, null);
    }

    public static Response get(String url) {
        return get(url, null);
    }

    public static Response post(String url, String bearerToken, Object body) {
        return send("POST", url, bearerToken, body);
    }

    public static Response put(String url, String bearerToken, Object body) {
        return send("PUT", url, bearerToken, body);
    }

    public static Response patch(String url, String bearerToken, Object body) {
        return send("PATCH", url, bearerToken, body);
    }

    public static Response delete(String url, String bearerToken) {
        return send("DELETE", url, bearerToken, null);
    }

    /** Sends raw bytes (e.g. invalid UTF-8) with the given Content-Type. */
    public static Response sendBytes(String method, String url, String bearerToken, byte[] body, String contentType) {
        return request(method, url).bearer(bearerToken).body(body).contentType(contentType).send();
    }

    /** POST application/x-www-form-urlencoded (e.g. token endpoint). */
    public static Response postForm(String url, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return request("POST", url).contentType("application/x-www-form-urlencoded").body(encoded).send();
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Parses JSON or returns null (empty, HTML, plain text...). */
    public static JsonNode parseOrNull(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        char c = s.stripLeading().charAt(0);
        if (c != '{' && c != '[' && c != '"') {
            return null;
        }
        try {
            return MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The payload of a JWT (an access token), unverified: what a test asserts of its claims. */
    public static JsonNode jwtClaims(String jwt) {
        try {
            return MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }

    /** A query or form value, URL-encoded. */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The PKCE {@code S256} code challenge of a verifier (RFC 7636). */
    public static String pkceChallenge(String verifier) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    public static final class Builder {
        private final String method;
        private final String url;
        private String bearer;
        private Object body;
        private String contentType;
        private boolean noContentType;
        private String accept; // none by default: let the server pick its own media type
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration timeout = Duration.ofSeconds(60);

        private Builder(String method, String url) {
            this.method = method;
            this.url = url;
        }

        public Builder bearer(String token) {
            this.bearer = token;
            return this;
        }

        public Builder body(Object body) {
            this.body = body;
            return this;
        }

        /** Overrides the default {@code application/json} for requests with a body. */
        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /** Sends a body without any Content-Type header. */
        public Builder withoutContentType() {
            this.noContentType = true;
            return this;
        }

        public Builder accept(String accept) {
            this.accept = accept;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Response send() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
            if (accept != null) {
                b.header("Accept", accept);
            }
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            headers.forEach(b::header);
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
                if (contentType != null) {
                    b.header("Content-Type", contentType);
                }
            } else {
                if (body instanceof byte[] bytes) {
                    b.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
                } else {
                    String s = body instanceof String str ? str : toJson(body);
                    b.method(method, HttpRequest.BodyPublishers.ofString(s, StandardCharsets.UTF_8));
                }
                if (!noContentType) {
                    b.header("Content-Type", contentType != null ? contentType : "application/json");
                }
            }
            try {
                HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(r.statusCode(), r.headers(), r.body(), parseOrNull(r.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + url + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + method + " " + url, e);
            }
        }
    }
}
