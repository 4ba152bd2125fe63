package io.preset.teams.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preset.teams.common.DomainException;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a team's OIDC identity provider (an Okta or Entra OIDC app) needs, read from the issuer's discovery document
 * ({@code {issuer}/.well-known/openid-configuration}) through the fenced {@link IdpDocumentFetcher}. The issuer must
 * be the team's own: the document must name exactly the issuer given, and Entra's multi-tenant endpoints
 * ({@code common}, {@code organizations}, {@code consumers}, the {@code {tenantid}} template) are refused, since
 * any Entra tenant in the world could then sign in through the team.
 */
public record OidcSettings(String issuer, String authorizationUrl, String tokenUrl, String jwksUrl, String userInfoUrl,
                           String logoutUrl) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENTRA_SHARED = Pattern.compile(
            "^https://login\\.microsoftonline\\.(com|us)/(common|organizations|consumers|\\{tenantid\\})(/.*)?$",
            Pattern.CASE_INSENSITIVE);

    public static OidcSettings discover(IdpDocumentFetcher fetcher, String given) {
        return discover(fetcher, given, url -> fetcher.fetch("issuer", url, "application/json, */*;q=0.1"));
    }

    /** With {@code get} fetching the discovery document (a seam for tests). */
    static OidcSettings discover(IdpDocumentFetcher fetcher, String given, Function<String, String> get) {
        String raw = given == null ? "" : given.strip();
        if (ENTRA_SHARED.matcher(raw).matches() || raw.toLowerCase(Locale.ROOT).contains("{tenantid}")) {
            throw DomainException.invalid("'issuer' is one of Entra's multi-tenant endpoints, which any Entra tenant "
                    + "can sign in through: use your tenant's own, https://login.microsoftonline.com/<tenant id>/v2.0");
        }
        String issuer = fetcher.check("issuer", raw).toString().replaceAll("/+$", "");
        String text = get.apply(issuer + "/.well-known/openid-configuration");
        JsonNode doc;
        try {
            doc = JSON.readTree(text);
        } catch (IOException e) {
            doc = null;
        }
        if (doc == null || !doc.isObject()) {
            throw DomainException.invalid("'issuer' answered, but " + issuer + "/.well-known/openid-configuration is not "
                    + "an OpenID Connect discovery document (JSON)");
        }
        String named = doc.path("issuer").asText("").replaceAll("/+$", "");
        if (!named.equals(issuer)) {
            throw DomainException.invalid("'issuer' is " + issuer + ", but its discovery document names the issuer '"
                    + doc.path("issuer").asText("") + "': give exactly the issuer its tokens carry");
        }
        // the browser is sent to the authorization and logout endpoints; Keycloak itself calls the other three
        return new OidcSettings(doc.path("issuer").asText(), endpoint(fetcher, doc, "authorization_endpoint", true, false),
                endpoint(fetcher, doc, "token_endpoint", true, true), endpoint(fetcher, doc, "jwks_uri", true, true),
                endpoint(fetcher, doc, "userinfo_endpoint", false, true),
                endpoint(fetcher, doc, "end_session_endpoint", false, false));
    }

    private static String endpoint(IdpDocumentFetcher fetcher, JsonNode doc, String name, boolean required,
                                   boolean calledByKeycloak) {
        String value = doc.path(name).asText(null);
        if (value == null || value.isBlank()) {
            if (required) {
                throw DomainException.invalid("'issuer' answered, but its discovery document has no " + name);
            }
            return null;
        }
        try {
            return (calledByKeycloak ? fetcher.checkCallable("issuer", value) : fetcher.check("issuer", value)).toString();
        } catch (DomainException e) {
            throw DomainException.invalid("'issuer' answered, but its " + name + " is not usable: " + e.getMessage());
        }
    }
}
