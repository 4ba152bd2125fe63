package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Browser;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.preset.teams.it.support.Http.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client {@code preset-web} and the client scope {@code preset-teams} as shipped in realm-config: a user signs
 * in through the login form with the authorization code flow and PKCE, and the tokens carry {@code preset_teams}
 * without any set-up by hand; {@code preset_team=<slug>} narrows the claim to one team.
 */
@ExtendWith(KeycloakExtension.class)
class ShippedClientIT {

    private static final String CLIENT_ID = "preset-web";
    private static final String REDIRECT_URI = "http://localhost:8088/callback";
    private static final String PASSWORD = "Secret-123";

    private static KeycloakTarget kc;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
    }

    private record Login(String code, String verifier) {
    }

    /** Signs in through the login form with PKCE S256 and returns the code sent to the redirect URI. */
    private static Login signIn(String username, String extraParameters) {
        String verifier = "v" + Long.toString(System.nanoTime(), 36) + "-0123456789abcdefghijklmnopqrstuvwxyz0123456789";
        String url = kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&response_type=code&scope=openid&redirect_uri=" + enc(REDIRECT_URI) + "&state=s1"
                + "&code_challenge=" + Http.pkceChallenge(verifier) + "&code_challenge_method=S256" + extraParameters;
        Browser browser = new Browser(kc.baseUrl());
        Browser.Page login = browser.open(url);
        assertTrue(login.hasForm("kc-form-login"), login::toString);
        Browser.Page next = browser.submit(login.form("kc-form-login"), Map.of("username", username, "password", PASSWORD));
        assertEquals(302, next.status(), next::toString);
        assertTrue(next.location().startsWith(REDIRECT_URI + "?"), next::toString);
        String code = next.locationParameter("code");
        assertNotNull(code, next::toString);
        return new Login(code, verifier);
    }

    private static JsonNode exchange(Login login) {
        Http.Response r = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "authorization_code",
                "client_id", CLIENT_ID, "code", login.code(), "redirect_uri", REDIRECT_URI, "code_verifier", login.verifier()));
        assertEquals(200, r.status(), r::toString);
        return r.requireJson();
    }

    @Test
    void tokensOfTheShippedClientCarryTheRolesOfEveryTeam() {
        String acme = Scim.createTeam(kc, "web");
        String globex = Scim.createTeam(kc, "webg");
        String base = kc.baseUrl() + "/admin/realms/preset/teams/";
        assertEquals(201, Http.post(base + acme + "/workspaces", kc.adminToken(), Map.of("name", "analytics", "title", "Analytics")).status());
        String user = "web-" + Long.toString(System.nanoTime(), 36);
        String userId = kc.createUser("preset", user, PASSWORD);
        assertEquals(201, Http.put(base + acme + "/members/" + userId, kc.adminToken(),
                Map.of("teamRole", "Admin", "workspaceRoles", Map.of("analytics", "PresetAlpha"))).status());
        assertEquals(201, Http.put(base + globex + "/members/" + userId, kc.adminToken(), Map.of("teamRole", "User")).status());

        JsonNode tokens = exchange(signIn(user, ""));
        for (String jwt : new String[] {tokens.path("access_token").asText(), tokens.path("id_token").asText()}) {
            JsonNode teams = claims(jwt).path("preset_teams");
            assertEquals("Admin", teams.path(acme).path("role").asText(), teams::toString);
            assertEquals("PresetAlpha", teams.path(acme).path("workspaces").path("analytics").asText(), teams::toString);
            assertEquals("User", teams.path(globex).path("role").asText(), teams::toString);
        }
        Http.Response userinfo = Http.get(kc.realmUrl("preset") + "/protocol/openid-connect/userinfo", tokens.path("access_token").asText());
        assertEquals("Admin", userinfo.requireJson().path("preset_teams").path(acme).path("role").asText(), userinfo::toString);

        // one team at a time: the parameter narrows the claim, also after a refresh
        JsonNode narrowed = exchange(signIn(user, "&preset_team=" + globex));
        JsonNode only = claims(narrowed.path("access_token").asText()).path("preset_teams");
        assertEquals(1, only.size(), only::toString);
        assertEquals("User", only.path(globex).path("role").asText(), only::toString);
        Http.Response refreshed = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "refresh_token",
                "client_id", CLIENT_ID, "refresh_token", narrowed.path("refresh_token").asText()));
        assertEquals(200, refreshed.status(), refreshed::toString);
        JsonNode afterRefresh = claims(refreshed.requireJson().path("access_token").asText()).path("preset_teams");
        assertEquals(1, afterRefresh.size(), afterRefresh::toString);
        assertTrue(afterRefresh.has(globex), afterRefresh::toString);

        // a team the user is not in gives an empty claim, never another team's roles
        JsonNode none = claims(exchange(signIn(user, "&preset_team=no-such-team")).path("access_token").asText()).path("preset_teams");
        assertEquals(0, none.size(), none::toString);
    }

    @Test
    void theClientRequiresPkceAndOffersNoPasswordGrant() {
        String url = kc.realmUrl("preset") + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&response_type=code&scope=openid&redirect_uri=" + enc(REDIRECT_URI) + "&state=s2";
        Browser.Page page = new Browser(kc.baseUrl()).open(url);
        assertEquals(302, page.status(), page::toString);
        assertEquals("invalid_request", page.locationParameter("error"), page::toString);
        assertFalse(page.location().contains("code="), page::toString);

        String user = "webpw-" + Long.toString(System.nanoTime(), 36);
        kc.createUser("preset", user, PASSWORD);
        Http.Response password = Http.postForm(kc.tokenEndpoint("preset"), Map.of("grant_type", "password",
                "client_id", CLIENT_ID, "username", user, "password", PASSWORD));
        assertTrue(password.status() == 400 || password.status() == 401, password::toString);
        assertEquals("unauthorized_client", password.requireJson().path("error").asText(), password::toString);
    }

    private static JsonNode claims(String jwt) {
        try {
            return Http.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
