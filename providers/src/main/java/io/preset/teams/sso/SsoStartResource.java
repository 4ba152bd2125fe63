package io.preset.teams.sso;

import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.constants.AdapterConstants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.RedirectUtils;
import org.keycloak.services.ErrorPage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * {@code /realms/{realm}/teams/{slug}/sso/start}: the Okta dashboard tile (Okta's "Initiate login URI", a bookmark
 * app, or any link). Keycloak's SAML broker accepts unsolicited (IdP-initiated) responses only for SAML clients
 * ({@code /broker/{alias}/endpoint/clients/{name}}), and an OpenID Connect client such as {@value WebLoginFlow#WEB_CLIENT}
 * with PKCE must start its own authorization request; so the tile starts an SP-initiated login instead:
 * <ol>
 *   <li>{@code start} sends the browser to the authorization endpoint of {@value WebLoginFlow#TILE_CLIENT} with
 *       {@code kc_idp_hint=team-<slug>}: the team's IdP signs the user in with the same first/post broker login
 *       flows (account linking, just-in-time accounts, membership) as any other SSO login;</li>
 *   <li>{@code landed} is that client's redirect URI: it checks the state it set in a cookie and sends the
 *       browser, now signed in to Keycloak, to the web app ({@code target}, which must be a registered redirect
 *       URI of {@value WebLoginFlow#WEB_CLIENT}, by default that client's Home URL); the app's own authorization
 *       request (with its PKCE) then gets its code at once from the Keycloak session.</li>
 * </ol>
 * The code of step 1 is never exchanged: its PKCE verifier is thrown away here.
 */
public class SsoStartResource {

    static final String COOKIE = "PRESET_SSO_START";
    private static final Logger LOG = Logger.getLogger(SsoStartResource.class);
    private static final int COOKIE_SECONDS = 600;
    private static final int MAX_TARGET = 2048;

    private final KeycloakSession session;
    private final String slug;

    public SsoStartResource(KeycloakSession session, String slug) {
        this.session = session;
        this.slug = slug;
    }

    @GET
    @Path("start")
    public Response start(@QueryParam("target") String target) {
        RealmModel realm = session.getContext().getRealm();
        Optional<TeamEntity> team = new TeamStore(session, realm).findTeam(slug);
        if (team.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "presetSsoStartUnknownTeam", slug);
        }
        Optional<IdentityProviderModel> idp = new TeamIdentityProviders(session, realm).find(team.get());
        if (idp.isEmpty() || !idp.get().isEnabled()) {
            return error(Response.Status.NOT_FOUND, "presetSsoStartNoIdp", team.get().getTitle());
        }
        ClientModel web = realm.getClientByClientId(WebLoginFlow.WEB_CLIENT);
        if (web == null || !web.isEnabled()) {
            return error(Response.Status.NOT_FOUND, "presetSsoStartNoClient", WebLoginFlow.WEB_CLIENT);
        }
        String verified = target(web, target);
        if (verified == null) {
            return error(Response.Status.BAD_REQUEST, target == null || target.isBlank()
                    ? "presetSsoStartNoHomeUrl" : "presetSsoStartBadTarget", WebLoginFlow.WEB_CLIENT);
        }
        WebLoginFlow.ensure(realm);
        ClientModel tile = WebLoginFlow.ensureTileClient(realm);
        String state = SecretGenerator.getInstance().randomString(32);
        String challenge = challenge(SecretGenerator.getInstance().randomString(64));
        URI base = session.getContext().getUri().getBaseUri();
        URI authorize = UriBuilder.fromUri(base).path("realms").path(realm.getName()).path("protocol")
                .path(OIDCLoginProtocol.LOGIN_PROTOCOL).path("auth")
                .queryParam(OIDCLoginProtocol.CLIENT_ID_PARAM, tile.getClientId())
                .queryParam(OIDCLoginProtocol.RESPONSE_TYPE_PARAM, "code")
                .queryParam(OIDCLoginProtocol.SCOPE_PARAM, "openid")
                .queryParam(OIDCLoginProtocol.REDIRECT_URI_PARAM, landed(base, realm))
                .queryParam(OIDCLoginProtocol.STATE_PARAM, state)
                .queryParam(OIDCLoginProtocol.CODE_CHALLENGE_PARAM, challenge)
                .queryParam(OIDCLoginProtocol.CODE_CHALLENGE_METHOD_PARAM, OIDCLoginProtocol.PKCE_METHOD_S256)
                .queryParam(AdapterConstants.KC_IDP_HINT, idp.get().getAlias())
                .build();
        String value = state + "." + Base64Url.encode(verified.getBytes(StandardCharsets.UTF_8));
        return Response.status(Response.Status.FOUND).location(authorize)
                .header(HttpHeaders.SET_COOKIE, cookie(base, realm, value, COOKIE_SECONDS))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @GET
    @Path("landed")
    public Response landed(@QueryParam("state") String state, @QueryParam("error") String error,
                           @QueryParam("error_description") String description) {
        RealmModel realm = session.getContext().getRealm();
        URI base = session.getContext().getUri().getBaseUri();
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(COOKIE);
        String value = cookie == null ? null : cookie.getValue();
        int dot = value == null ? -1 : value.indexOf('.');
        if (dot <= 0 || state == null || !MessageDigest.isEqual(value.substring(0, dot).getBytes(StandardCharsets.UTF_8),
                state.getBytes(StandardCharsets.UTF_8))) {
            return error(Response.Status.BAD_REQUEST, "presetSsoStartExpired", slug);
        }
        if (error != null) {
            LOG.debugf("SSO start of team '%s' ended with %s: %s", slug, error, description);
            return error(Response.Status.FORBIDDEN, "presetSsoStartFailed", slug);
        }
        String target;
        try {
            target = new String(Base64Url.decode(value.substring(dot + 1)), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return error(Response.Status.BAD_REQUEST, "presetSsoStartExpired", slug);
        }
        ClientModel web = realm.getClientByClientId(WebLoginFlow.WEB_CLIENT);
        String verified = web == null || !web.isEnabled() ? null : target(web, target);
        if (verified == null) {
            return error(Response.Status.BAD_REQUEST, "presetSsoStartBadTarget", WebLoginFlow.WEB_CLIENT);
        }
        return Response.status(Response.Status.FOUND).location(URI.create(verified))
                .header(HttpHeaders.SET_COOKIE, cookie(base, realm, "", 0))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** {@code target}, or the client's Home URL when absent, if it is one of the client's registered redirect URIs. */
    private String target(ClientModel web, String target) {
        String wanted = target;
        if (wanted == null || wanted.isBlank()) {
            wanted = web.getBaseUrl();
            if (wanted != null && wanted.startsWith("/") && web.getRootUrl() != null) {
                wanted = web.getRootUrl() + wanted;
            }
        }
        if (wanted == null || wanted.isBlank() || wanted.length() > MAX_TARGET) {
            return null;
        }
        try {
            URI uri = URI.create(wanted);
            if (!uri.isAbsolute() || uri.getRawFragment() != null
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        String verified = RedirectUtils.verifyRedirectUri(session, wanted, web);
        return verified != null && verified.equals(wanted) ? verified : null;
    }

    private String landed(URI base, RealmModel realm) {
        return UriBuilder.fromUri(base).path("realms").path(realm.getName()).path("teams").path(slug)
                .path("sso").path("landed").build().toString();
    }

    private String cookie(URI base, RealmModel realm, String value, int maxAge) {
        String path = UriBuilder.fromUri(base).path("realms").path(realm.getName()).path("teams").path(slug).path("sso")
                .build().getRawPath();
        return COOKIE + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge + "; HttpOnly; Secure; SameSite=Lax";
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64Url.encode(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private Response error(Response.Status status, String message, Object... parameters) {
        return ErrorPage.error(session, null, status, message, parameters);
    }
}
