package io.preset.teams.it.support;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ProtocolMappersResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * A running Keycloak that the ITs talk to. {@link LocalKeycloak} runs the unpacked distribution as a child
 * process; {@code TestcontainersKeycloak} (profile {@code testcontainers}) runs the official image.
 * Obtain the shared instance with {@link KeycloakServer#get()} or {@code @ExtendWith(KeycloakExtension.class)}.
 */
public interface KeycloakTarget extends AutoCloseable {

    /** Realm imported from realm-config/preset-realm.json. */
    String REALM = "preset";
    /** Public client with direct access grants that {@link #ensurePasswordGrantClient} creates for tests only. */
    String TEST_CLIENT_ID = "it-password-grant";
    /** Okta's OAuth client of realm-config/preset-realm.json, with its development-only secret and Okta's callback. */
    String OKTA_CLIENT_ID = "okta-scim";
    String OKTA_CLIENT_SECRET = "dev-only-okta-scim-secret-change-me";
    String OKTA_REDIRECT_URI = "https://system-admin.okta.com/admin/app/cpc/presetio_preset_1/oauth/callback";

    /** e.g. {@code http://localhost:41234} (no trailing slash). */
    String baseUrl();

    /** Management interface (health, metrics), e.g. {@code http://localhost:41235}. */
    String managementUrl();

    /** {@code h2} or {@code postgres}. */
    String db();

    /** File that receives the server's stdout and stderr. */
    Path logFile();

    /** Admin client logged in to realm master as admin/admin via admin-cli; shared, do not close it. */
    Keycloak adminClient();

    /** Whether Keycloak resolves DNS names through {@link StubDns#shared()} (the container cannot reach it). */
    default boolean usesStubDns() {
        return false;
    }

    /** Whether {@link #restart(boolean, Runnable)} works (tests: {@code assumeTrue(kc.canRestart())}). */
    default boolean canRestart() {
        return false;
    }

    /**
     * Stops the server ({@code hard}: SIGKILL, as a crashed node) and starts it again with the same URLs and data,
     * running {@code whileStopped} (may be null) in between; returns once it is ready. {@link #adminClient()} is
     * recreated. The other IT classes share this server, so a test that calls it must leave it running.
     */
    default void restart(boolean hard, Runnable whileStopped) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restart Keycloak");
    }

    /** A graceful {@link #restart(boolean, Runnable)}. */
    default void restart() {
        restart(false, null);
    }

    /** Stops the server and releases its resources (idempotent). */
    @Override
    void close();

    default String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    default String tokenEndpoint(String realm) {
        return realmUrl(realm) + "/protocol/openid-connect/token";
    }

    /** A (fresh or cached, still valid) master-realm admin access token. */
    default String adminToken() {
        return adminClient().tokenManager().getAccessTokenString();
    }

    default RealmResource realm(String realm) {
        return adminClient().realm(realm);
    }

    /**
     * Creates (once) the public client {@link #TEST_CLIENT_ID} with direct access grants enabled in {@code realm}.
     * It exists only in the test server, never in realm-config.
     */
    default void ensurePasswordGrantClient(String realm) {
        RealmResource r = realm(realm);
        if (!r.clients().findByClientId(TEST_CLIENT_ID).isEmpty()) {
            return;
        }
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId(TEST_CLIENT_ID);
        c.setName("IT only: password grant");
        c.setEnabled(true);
        c.setProtocol("openid-connect");
        c.setPublicClient(true);
        c.setDirectAccessGrantsEnabled(true);
        c.setStandardFlowEnabled(false);
        c.setFullScopeAllowed(true);
        try (Response resp = r.clients().create(c)) {
            if (resp.getStatus() != 201 && resp.getStatus() != 409) {
                throw new IllegalStateException("creating client " + TEST_CLIENT_ID + " in " + realm + ": HTTP "
                        + resp.getStatus() + " " + resp.readEntity(String.class));
            }
        }
    }

    /** {@link #createUser} in realm {@value #REALM}, with roles of its {@code realm-management} client (a limited admin). */
    default String createRealmAdmin(String username, String password, String... realmManagementRoles) {
        String userId = createUser(REALM, username, password);
        RealmResource r = realm(REALM);
        ClientRepresentation rm = r.clients().findByClientId("realm-management").get(0);
        List<RoleRepresentation> roles = Arrays.stream(realmManagementRoles)
                .map(role -> r.clients().get(rm.getId()).roles().get(role).toRepresentation()).toList();
        r.users().get(userId).roles().clientLevel(rm.getId()).add(roles);
        return userId;
    }

    /**
     * Creates (once) a public client of {@code realm} for the authorization code flow (browser logins in tests) with
     * the {@code preset_teams} claim mapper.
     */
    default void ensureCodeFlowClient(String realm, String clientId, String redirectUri) {
        if (!realm(realm).clients().findByClientId(clientId).isEmpty()) {
            return;
        }
        ClientRepresentation c = new ClientRepresentation();
        c.setClientId(clientId);
        c.setEnabled(true);
        c.setProtocol("openid-connect");
        c.setPublicClient(true);
        c.setStandardFlowEnabled(true);
        c.setDirectAccessGrantsEnabled(false);
        c.setRedirectUris(List.of(redirectUri));
        c.setFullScopeAllowed(true);
        c.setProtocolMappers(List.of(teamsClaimMapper()));
        try (Response resp = realm(realm).clients().create(c)) {
            if (resp.getStatus() != 201 && resp.getStatus() != 409) {
                throw new IllegalStateException("creating client " + clientId + " in " + realm + ": HTTP " + resp.getStatus());
            }
        }
    }

    /** Adds (once) the {@code preset_teams} claim mapper to {@link #TEST_CLIENT_ID}, so that {@link #userToken} carries it. */
    default void ensureTeamsClaimOnPasswordGrant(String realm) {
        ensurePasswordGrantClient(realm);
        ClientRepresentation client = realm(realm).clients().findByClientId(TEST_CLIENT_ID).get(0);
        ProtocolMappersResource mappers = realm(realm).clients().get(client.getId()).getProtocolMappers();
        if (mappers.getMappers().stream().noneMatch(m -> "preset-teams".equals(m.getName()))) {
            try (Response resp = mappers.createMapper(teamsClaimMapper())) {
                if (resp.getStatus() != 201 && resp.getStatus() != 409) {
                    throw new IllegalStateException("adding the preset_teams mapper: HTTP " + resp.getStatus());
                }
            }
        }
    }

    /** The extension's {@code preset_teams} claim in access, ID and userinfo tokens. */
    static ProtocolMapperRepresentation teamsClaimMapper() {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("preset-teams");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("preset-teams-roles-mapper");
        mapper.setConfig(Map.of("access.token.claim", "true", "id.token.claim", "true", "userinfo.token.claim", "true"));
        return mapper;
    }

    /**
     * Creates an enabled, fully set-up user (verified email, first/last name, non-temporary password) and
     * returns its id.
     */
    default String createUser(String realm, String username, String password) {
        UserRepresentation u = new UserRepresentation();
        u.setUsername(username);
        u.setEnabled(true);
        u.setEmail(username.contains("@") ? username : username + "@example.test");
        u.setEmailVerified(true);
        u.setFirstName("Test");
        u.setLastName(username);
        CredentialRepresentation cred = new CredentialRepresentation();
        cred.setType(CredentialRepresentation.PASSWORD);
        cred.setValue(password);
        cred.setTemporary(false);
        u.setCredentials(List.of(cred));
        try (Response resp = realm(realm).users().create(u)) {
            if (resp.getStatus() != 201) {
                throw new IllegalStateException("creating user " + username + " in " + realm + ": HTTP "
                        + resp.getStatus() + " " + resp.readEntity(String.class));
            }
            String path = resp.getLocation().getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** Access token of a user of {@code realm} via the password grant of {@link #TEST_CLIENT_ID} (created on demand). */
    default String userToken(String realm, String username, String password) {
        ensurePasswordGrantClient(realm);
        Http.Response resp = Http.postForm(tokenEndpoint(realm), Map.of(
                "grant_type", "password",
                "client_id", TEST_CLIENT_ID,
                "username", username,
                "password", password,
                "scope", "openid"));
        if (resp.status() != 200 || resp.json() == null || !resp.json().hasNonNull("access_token")) {
            throw new IllegalStateException("password grant for " + username + " in " + realm + " failed: HTTP "
                    + resp.status() + " " + resp.body());
        }
        return resp.json().get("access_token").asText();
    }

    /** {@link #userToken(String, String, String)} for realm {@value #REALM}. */
    default String userToken(String username, String password) {
        return userToken(REALM, username, password);
    }
}
