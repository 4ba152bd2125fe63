package io.preset.teams.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

import static io.preset.teams.it.support.Http.enc;

/**
 * Okta's "Authenticate with Preset" in short: a team admin signs in on the authorize page, picks the teams and
 * consents; Okta exchanges the code for an offline grant and later renews it with the refresh token.
 * {@code OktaOAuthIT} checks every page of that flow; this helper only obtains and renews a grant for other ITs.
 */
public final class OktaGrant {

    private OktaGrant() {
    }

    /** The refresh token Okta keeps after {@code username} (a team Admin with a password) authenticated Okta. */
    public static String obtain(KeycloakTarget kc, String username, String password) {
        Browser browser = new Browser(kc.baseUrl());
        String state = "st" + Long.toString(System.nanoTime(), 36);
        Browser.Page page = browser.open(kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id="
                + KeycloakTarget.OKTA_CLIENT_ID + "&response_type=code&redirect_uri=" + enc(KeycloakTarget.OKTA_REDIRECT_URI)
                + "&scope=" + enc("openid offline_access") + "&state=" + state);
        if (page.hasForm("kc-form-login")) {
            page = browser.submit(page.form("kc-form-login"), Map.of("username", username, "password", password));
        }
        if (page.hasForm("preset-okta-teams-form")) {
            page = browser.submit(page.form("preset-okta-teams-form"), Map.of("accept", ""));
        }
        if (page.status() == 200 && page.body().contains("login-actions/consent")) { // Keycloak's consent page
            page = browser.submit(page.form("login-actions/consent"), Map.of("accept", ""));
        }
        String code = page.locationParameter("code");
        if (page.status() != 302 || code == null) {
            throw new IllegalStateException("no authorization code for " + username + ": " + page);
        }
        Http.Response tokens = token(kc, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", KeycloakTarget.OKTA_REDIRECT_URI));
        if (tokens.status() != 200) {
            throw new IllegalStateException("code exchange failed: " + tokens);
        }
        return tokens.requireJson().path("refresh_token").asText();
    }

    /** Okta's renewal: {@code grant_type=refresh_token} with the client's credentials. */
    public static Http.Response renew(KeycloakTarget kc, String refreshToken) {
        return token(kc, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** The access token of a successful renewal. */
    public static String accessToken(Http.Response renewed) {
        JsonNode json = renewed.requireJson();
        return json.path("access_token").asText();
    }

    private static Http.Response token(KeycloakTarget kc, Map<String, String> params) {
        Map<String, String> form = new java.util.LinkedHashMap<>(params);
        form.put("client_id", KeycloakTarget.OKTA_CLIENT_ID);
        form.put("client_secret", KeycloakTarget.OKTA_CLIENT_SECRET);
        return Http.postForm(kc.tokenEndpoint("preset"), form);
    }
}
