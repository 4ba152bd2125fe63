package io.preset.teams.sso;

import io.preset.teams.common.DomainException;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Fetches a document of a team's IdP from the URL its Admin gave: SAML metadata (Okta's "Metadata URL", Entra's
 * "App Federation Metadata Url") or OIDC discovery. The URL is the Admin's input, so the fetch is fenced: https only, every address the host
 * resolves to must be public ({@link MetadataAddresses}; the JVM caches the look-up, so the connection uses the
 * addresses checked), no redirects, a time limit and a size limit; an answer's body is never echoed in an error.
 */
public class IdpDocumentFetcher {

    /** Resolves a host name; a seam for tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofMillis(SamlOptions.DEFAULT_FETCH_TIMEOUT_MS))
            .build();

    private static final String FIELD = "metadataUrl";

    private final Resolver resolver;
    private final Set<String> privateHosts;
    private final int timeoutMs;

    IdpDocumentFetcher(Resolver resolver, Set<String> privateHosts, int timeoutMs) {
        this.resolver = resolver;
        this.privateHosts = privateHosts;
        this.timeoutMs = timeoutMs;
    }

    public static IdpDocumentFetcher configured() {
        return new IdpDocumentFetcher(InetAddress::getAllByName, SamlOptions.privateHosts(), SamlOptions.fetchTimeoutMs());
    }

    /** The URL as it will be stored, or a 400 saying why it cannot be used; resolves nothing. */
    public URI check(String value) {
        return check(FIELD, value);
    }

    /** The same for the URL in request field {@code field}. */
    public URI check(String field, String value) {
        String url = value == null ? "" : value.strip();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(field, "is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host.isEmpty() || uri.getUserInfo() != null) {
            throw invalid(field, "must be an absolute https URL without user name or password, got '" + url + "'");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && privateHosts.contains(host))) {
            throw invalid(field, "must be an https URL, got '" + url + "'");
        }
        if (url.length() > 2048) {
            throw invalid(field, "is longer than 2048 characters");
        }
        return uri;
    }

    /** The metadata XML at {@code url}. */
    public String fetch(String url) {
        return fetch(FIELD, url, "application/samlmetadata+xml, application/xml, text/xml, */*;q=0.1");
    }

    /** The document at {@code url} (given in request field {@code field}), at most {@value SamlSettings#MAX_METADATA} bytes. */
    public String fetch(String field, String url, String accept) {
        URI uri = check(field, url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        requirePublic(field, host);
        HttpRequest request = HttpRequest.newBuilder(uri).GET()
                .timeout(Duration.ofMillis(timeoutMs))
                .header("Accept", accept)
                .build();
        HttpResponse<InputStream> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw invalid(field, "could not be fetched: " + host + " did not answer within " + timeoutMs / 1000 + " s");
        } catch (SSLException e) {
            throw invalid(field, "could not be fetched: the TLS connection to " + host + " failed (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw invalid(field, "could not be fetched: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw invalid(field, "could not be fetched: interrupted");
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                throw invalid(field, "answered HTTP " + status + " (a redirect, which is not followed): give the URL it "
                        + "redirects to");
            }
            if (status != 200) {
                throw invalid(field, "answered HTTP " + status + ", not the metadata");
            }
            byte[] bytes = body.readNBytes(SamlSettings.MAX_METADATA + 1);
            if (bytes.length > SamlSettings.MAX_METADATA) {
                throw invalid(field, "answered more than " + SamlSettings.MAX_METADATA / 1024 + " KB, too large for metadata");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw invalid(field, "could not be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /**
     * A URL that Keycloak itself will call later (an OIDC token, JWKS or userinfo endpoint): the same fence as a
     * fetch, checked now. A name that resolves elsewhere later is the one gap left; see the security notes.
     */
    public URI checkCallable(String field, String url) {
        URI uri = check(field, url);
        requirePublic(field, uri.getHost().toLowerCase(Locale.ROOT));
        return uri;
    }

    private void requirePublic(String field, String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw invalid(field, "could not be fetched: the host " + host + " does not resolve");
        }
        if (privateHosts.contains(host)) {
            return;
        }
        if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(MetadataAddresses::isPublic)) {
            throw invalid(field, "points at a loopback, private or reserved address (" + host + "), which is refused: "
                    + "the metadata must be on the public internet");
        }
    }

    private static DomainException invalid(String field, String reason) {
        return DomainException.invalid("'" + field + "' " + reason);
    }
}
