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
 * Fetches a team's IdP metadata from the URL its Admin gave (Okta's "Metadata URL", Entra's "App Federation
 * Metadata Url"). The URL is the Admin's input, so the fetch is fenced: https only, every address the host
 * resolves to must be public ({@link MetadataAddresses}; the JVM caches the look-up, so the connection uses the
 * addresses checked), no redirects, a time limit and a size limit; an answer's body is never echoed in an error.
 */
public class SamlMetadataFetcher {

    /** Resolves a host name; a seam for tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofMillis(SamlOptions.DEFAULT_FETCH_TIMEOUT_MS))
            .build();

    private final Resolver resolver;
    private final Set<String> privateHosts;
    private final int timeoutMs;

    SamlMetadataFetcher(Resolver resolver, Set<String> privateHosts, int timeoutMs) {
        this.resolver = resolver;
        this.privateHosts = privateHosts;
        this.timeoutMs = timeoutMs;
    }

    public static SamlMetadataFetcher configured() {
        return new SamlMetadataFetcher(InetAddress::getAllByName, SamlOptions.privateHosts(), SamlOptions.fetchTimeoutMs());
    }

    /** The URL as it will be stored, or a 400 saying why it cannot be used; resolves nothing. */
    public URI check(String value) {
        String url = value == null ? "" : value.strip();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || host.isEmpty() || uri.getUserInfo() != null) {
            throw invalid("must be an absolute https URL without user name or password, got '" + url + "'");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && privateHosts.contains(host))) {
            throw invalid("must be an https URL, got '" + url + "'");
        }
        if (url.length() > 2048) {
            throw invalid("is longer than 2048 characters");
        }
        return uri;
    }

    /** The metadata XML at {@code url}. */
    public String fetch(String url) {
        URI uri = check(url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        requirePublic(host);
        HttpRequest request = HttpRequest.newBuilder(uri).GET()
                .timeout(Duration.ofMillis(timeoutMs))
                .header("Accept", "application/samlmetadata+xml, application/xml, text/xml")
                .build();
        HttpResponse<InputStream> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw invalid("could not be fetched: " + host + " did not answer within " + timeoutMs / 1000 + " s");
        } catch (SSLException e) {
            throw invalid("could not be fetched: the TLS connection to " + host + " failed (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw invalid("could not be fetched: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw invalid("could not be fetched: interrupted");
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status >= 300 && status < 400) {
                throw invalid("answered HTTP " + status + " (a redirect, which is not followed): give the URL it "
                        + "redirects to");
            }
            if (status != 200) {
                throw invalid("answered HTTP " + status + ", not the metadata");
            }
            byte[] bytes = body.readNBytes(SamlSettings.MAX_METADATA + 1);
            if (bytes.length > SamlSettings.MAX_METADATA) {
                throw invalid("answered more than " + SamlSettings.MAX_METADATA / 1024 + " KB, too large for metadata");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw invalid("could not be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private void requirePublic(String host) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw invalid("could not be fetched: the host " + host + " does not resolve");
        }
        if (privateHosts.contains(host)) {
            return;
        }
        if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(MetadataAddresses::isPublic)) {
            throw invalid("points at a loopback, private or reserved address (" + host + "), which is refused: "
                    + "the metadata must be on the public internet");
        }
    }

    private static DomainException invalid(String reason) {
        return DomainException.invalid("'metadataUrl' " + reason);
    }
}
