package io.preset.teams.portal;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.Version;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The portal's static page and its ES modules, from this jar (no CDN). The page is the same for every team
 * and says nothing about it: data only comes from the API, after sign-in. A strict Content-Security-Policy
 * allows scripts, styles and calls to this origin only (Keycloak's own PatternFly CSS under
 * {@code /resources}) and no framing.
 */
final class PortalPage {

    private static final String WEB = "/io/preset/teams/portal/web/";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** The served files by URL name: classpath file and media type. Anything else is a 404. */
    private static final Map<String, String[]> ASSETS = Map.ofEntries(
            Map.entry("app.js", new String[] {"app.js", "text/javascript"}),
            Map.entry("api.js", new String[] {"api.js", "text/javascript"}),
            Map.entry("ui.js", new String[] {"ui.js", "text/javascript"}),
            Map.entry("tokens.js", new String[] {"tokens.js", "text/javascript"}),
            Map.entry("groups.js", new String[] {"groups.js", "text/javascript"}),
            Map.entry("connect.js", new String[] {"connect.js", "text/javascript"}),
            Map.entry("members.js", new String[] {"members.js", "text/javascript"}),
            Map.entry("domains.js", new String[] {"domains.js", "text/javascript"}),
            Map.entry("sso.js", new String[] {"sso.js", "text/javascript"}),
            Map.entry("log.js", new String[] {"log.js", "text/javascript"}),
            Map.entry("portal.css", new String[] {"portal.css", "text/css"}),
            Map.entry("keycloak.js", new String[] {"vendor/keycloak-js/keycloak.js", "text/javascript"}),
            Map.entry("keycloak-js-LICENSE.txt", new String[] {"vendor/keycloak-js/LICENSE.txt", "text/plain"}));

    private PortalPage() {
    }

    /** The page of one team ({@code slug}) or the chooser ({@code slug} null). */
    static Response page(KeycloakSession session, String slug) {
        ownHeaders(session);
        String base = session.getContext().getUri().getBaseUri().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String realm = session.getContext().getRealm().getName();
        String html = read("index.html")
                .replace("{{patternfly}}", escape(base + "/resources/" + Version.RESOURCES_VERSION
                        + "/common/keycloak/vendor/patternfly-v5/patternfly.min.css"))
                .replace("{{keycloak}}", escape(base))
                .replace("{{realm}}", escape(realm))
                .replace("{{client}}", escape(PortalCaller.CLIENT_ID))
                .replace("{{slug}}", escape(slug == null ? "" : slug))
                .replace("{{assets}}", escape(base + "/realms/" + realm + "/teams/portal/assets/"));
        return secured(Response.ok(html, "text/html; charset=utf-8"), true).build();
    }

    static Response asset(KeycloakSession session, String name) {
        ownHeaders(session);
        String[] asset = ASSETS.get(name);
        if (asset == null) {
            return secured(Response.status(404).entity("Not found").type("text/plain"), true).build();
        }
        String type = asset[1].startsWith("text/") ? asset[1] + "; charset=utf-8" : asset[1];
        return secured(Response.ok(read(asset[0]), type), false).build();
    }

    /** Keycloak would replace our policy with the realm's looser one (frame-src and frame-ancestors 'self' only). */
    private static void ownHeaders(KeycloakSession session) {
        SecurityHeadersProvider headers = session.getProvider(SecurityHeadersProvider.class);
        if (headers != null) {
            headers.options().skipHeaders();
        }
    }

    private static Response.ResponseBuilder secured(Response.ResponseBuilder builder, boolean noStore) {
        CacheControl cache = new CacheControl();
        if (noStore) {
            cache.setNoStore(true);
        } else {
            cache.setMaxAge(300);
        }
        return builder.cacheControl(cache)
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
    }

    private static String read(String file) {
        try (InputStream in = PortalPage.class.getResourceAsStream(WEB + file)) {
            if (in == null) {
                throw new IllegalStateException("Missing portal file " + WEB + file + " in the provider jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
