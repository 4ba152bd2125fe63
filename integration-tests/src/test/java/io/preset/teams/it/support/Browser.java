package io.preset.teams.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A minimal browser for Keycloak's login pages: keeps cookies (its own jar, which, like browsers, sends
 * {@code Secure} cookies to {@code http://localhost}), follows redirects only within Keycloak's origin,
 * and reads the HTML forms of a page (action URL, hidden inputs) so that a test can fill and submit them.
 *
 * <pre>{@code
 * Browser browser = new Browser(kc.baseUrl());
 * Browser.Page login = browser.open(authorizeUrl);
 * Browser.Page next = browser.submit(login.form("kc-form-login"), Map.of("username", "ann", "password", "pw"));
 * next.location(); // a redirect that left Keycloak (e.g. to the client's redirect_uri) is not followed
 * }</pre>
 */
public final class Browser {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

    private final String origin;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Map<String, Cookie> cookies = new LinkedHashMap<>();

    /** Keyed by name and path, as browsers do: realms {@code preset} and {@code okta-sim} each have their own AUTH_SESSION_ID. */
    private record Cookie(String name, String value, String path) {
    }

    /** A response: status, its final URL, the {@code Location} of an unfollowed redirect, the body. */
    public record Page(int status, String url, String location, String body) {

        /** The form whose id is {@code id}, or whose action contains it. */
        public Form form(String id) {
            Matcher m = FORM.matcher(body);
            while (m.find()) {
                Map<String, String> attributes = attributes(m.group(1));
                if (id.equals(attributes.get("id")) || attributes.getOrDefault("action", "").contains(id)) {
                    Map<String, String> hidden = new LinkedHashMap<>();
                    Matcher inputs = INPUT.matcher(m.group(2));
                    while (inputs.find()) {
                        Map<String, String> input = attributes(inputs.group(1));
                        if ("hidden".equalsIgnoreCase(input.get("type")) && input.containsKey("name")) {
                            hidden.put(input.get("name"), input.getOrDefault("value", ""));
                        }
                    }
                    return new Form(URI.create(url).resolve(attributes.getOrDefault("action", url)).toString(), hidden);
                }
            }
            throw new AssertionError("no form '" + id + "' on the page " + url + " (HTTP " + status + "):\n" + body);
        }

        public boolean hasForm(String id) {
            Matcher m = FORM.matcher(body);
            while (m.find()) {
                if (id.equals(attributes(m.group(1)).get("id"))) {
                    return true;
                }
            }
            return false;
        }

        /** The page's text without tags, entities decoded and whitespace collapsed. */
        public String text() {
            return unescape(body.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " "))
                    .replaceAll("\\s+", " ").strip();
        }

        /** A query parameter of the unfollowed redirect. */
        public String locationParameter(String name) {
            if (location == null) {
                return null;
            }
            String query = URI.create(location).getRawQuery();
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (key.equals(name)) {
                    return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + url + (location != null ? " -> " + location : "") + "\n" + body;
        }
    }

    /** A form of a page: its absolute action URL and hidden inputs. */
    public record Form(String action, Map<String, String> hidden) {
    }

    /** @param origin Keycloak's base URL; redirects elsewhere are not followed */
    public Browser(String origin) {
        this.origin = origin;
    }

    /** GET, following redirects within Keycloak. */
    public Page open(String url) {
        return follow(send("GET", url, null));
    }

    /** Submits a form with its hidden inputs plus {@code fields} (button names included), following redirects within Keycloak. */
    public Page submit(Form form, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(form.hidden());
        all.putAll(fields);
        String body = all.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return follow(send("POST", form.action(), body));
    }

    private Page follow(Page page) {
        Page current = page;
        for (int hops = 0; hops < 10; hops++) {
            if (current.location() == null || !current.location().startsWith(origin)) {
                return current;
            }
            current = send("GET", current.location(), null);
        }
        throw new AssertionError("too many redirects: " + current);
    }

    private Page send(String method, String url, String formBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/html");
        String cookieHeader = cookieHeader(URI.create(url));
        if (!cookieHeader.isEmpty()) {
            request.header("Cookie", cookieHeader);
        }
        if (formBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded");
            request.method(method, HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            store(response.headers().allValues("Set-Cookie"));
            String location = response.headers().firstValue("Location")
                    .map(l -> URI.create(url).resolve(l).toString()).orElse(null);
            return new Page(response.statusCode(), url, location, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + url, e);
        }
    }

    private String cookieHeader(URI uri) {
        if (!uri.toString().startsWith(origin)) {
            return "";
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return cookies.entrySet().stream()
                .filter(e -> path.startsWith(e.getValue().path()))
                .map(e -> e.getValue().name() + "=" + e.getValue().value())
                .collect(Collectors.joining("; "));
    }

    private void store(List<String> setCookies) {
        for (String header : setCookies) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = parts[0].substring(0, eq).strip();
            String value = parts[0].substring(eq + 1).strip();
            String path = "/";
            boolean expired = value.isEmpty();
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].strip();
                String lower = attribute.toLowerCase();
                if (lower.startsWith("path=")) {
                    path = attribute.substring(5);
                } else if (lower.startsWith("max-age=")) {
                    expired |= attribute.substring(8).strip().startsWith("0") || attribute.substring(8).strip().startsWith("-");
                } else if (lower.startsWith("expires=") && attribute.contains("1970")) {
                    expired = true;
                }
            }
            if (expired) {
                cookies.remove(name + ";" + path);
            } else {
                cookies.put(name + ";" + path, new Cookie(name, value, path));
            }
        }
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            String value = m.group(3) != null ? m.group(3) : m.group(4);
            attributes.put(m.group(1).toLowerCase(), unescape(value));
        }
        return attributes;
    }

    static String unescape(String s) {
        Matcher m = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|#39);").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos", "#39" -> "'";
                default -> entity.startsWith("#x")
                        ? new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)))
                        : new String(Character.toChars(Integer.parseInt(entity.substring(1))));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
