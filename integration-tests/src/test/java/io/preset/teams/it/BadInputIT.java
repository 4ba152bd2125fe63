package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.RateLimits;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and broken input over every SCIM endpoint and the admin API. Each case asserts: no 5xx, the
 * expected status and error body (SCIM Error JSON with {@code scimType} for SCIM; Keycloak's error JSON for
 * the admin API), and stored state unchanged: the team's users and groups as SCIM lists them, the realm's
 * user count, the admin API's view of the team (members, workspaces, SCIM tokens) and the list of teams.
 */
@ExtendWith(KeycloakExtension.class)
class BadInputIT {

    private static final String USER = Scim.CORE_USER;
    private static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String PATCH_OP = Scim.PATCH_OP;
    private static final String SCIM_JSON = "application/scim+json; charset=utf-8";
    /** The documented request-size limit (docs/security.md): larger bodies are 413. */
    private static final int MAX_BODY = 1_048_576;

    private static KeycloakTarget kc;
    private static Scim scim;
    private static String slug;
    private static String userId;
    private static String groupId;
    private static String outsiderId;
    private static String otherTeamToken;

    /** Which API a case calls and how. */
    enum Api { SCIM, SCIM_ANONYMOUS, SCIM_OTHER_TEAM_TOKEN, SCIM_UNKNOWN_TEAM, SCIM_BAD_TOKEN, ADMIN }

    /** As {@code contentType}: send the body without any Content-Type header. */
    private static final String NO_CONTENT_TYPE = "(none)";

    record Case(String name, Api api, String method, String path, String contentType, Object body,
                int status, String scimType, String accept) {
        Case(String name, Api api, String method, String path, String contentType, Object body, int status, String scimType) {
            this(name, api, method, path, contentType, body, status, scimType, "application/scim+json");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
        slug = Scim.createTeam(kc, "badin");
        scim = Scim.forTeam(kc, slug);
        RateLimits.relax(kc, slug);
        Http.Response ws = Http.post(admin("/workspaces"), kc.adminToken(), Map.of("name", "main", "title", "Main"));
        assertEquals(201, ws.status(), ws::toString);
        Http.Response user = scim.post("/Users", Scim.oktaUser(unique("alice"), "Alice", "Liddell"));
        assertEquals(201, user.status(), user::toString);
        userId = user.requireJson().path("id").asText();
        Http.Response group = scim.post("/Groups", Map.of("schemas", List.of(GROUP), "displayName", "Engineering",
                "members", List.of(Map.of("value", userId))));
        assertEquals(201, group.status(), group::toString);
        groupId = group.requireJson().path("id").asText();
        assertEquals(201, scim.post("/Groups", Map.of("schemas", List.of(GROUP), "displayName", "Sales")).status());
        // a user of another team: it exists in the realm but not in this team
        String otherSlug = Scim.createTeam(kc, "badin-other");
        Scim other = Scim.forTeam(kc, otherSlug);
        otherTeamToken = other.token();
        Http.Response outsider = other.post("/Users", Scim.oktaUser(unique("bob"), "Bob", "Other"));
        assertEquals(201, outsider.status(), outsider::toString);
        outsiderId = outsider.requireJson().path("id").asText();
    }

    private static String unique(String local) {
        return local + "." + Long.toString(System.nanoTime(), 36) + "@example.com";
    }

    private static String admin(String path) {
        return kc.baseUrl() + "/admin/realms/preset/teams/" + slug + path;
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------- the cases

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        String okUser = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"new.user@example.com\"}";
        String huge = "x".repeat(100_000);
        String oversize = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"big@example.com\",\"displayName\":\""
                + "y".repeat(MAX_BODY + 1) + "\"}";
        String deepJson = "[".repeat(200) + "]".repeat(200);
        String deepObject = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"deep@example.com\",\"x\":"
                + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}";

        // POST /Users: syntax
        c.add(scimCase("POST /Users malformed JSON", "POST", "/Users", "{\"schemas\": [", 400, "invalidSyntax"));
        c.add(scimCase("POST /Users truncated JSON", "POST", "/Users", okUser.substring(0, okUser.length() - 5), 400, "invalidSyntax"));
        c.add(scimCase("POST /Users JSON array", "POST", "/Users", "[" + okUser + "]", 400, "invalidSyntax"));
        c.add(scimCase("POST /Users JSON string", "POST", "/Users", "\"alice\"", 400, "invalidSyntax"));
        c.add(scimCase("POST /Users JSON null", "POST", "/Users", "null", 400, "invalidSyntax"));
        c.add(scimCase("POST /Users empty body", "POST", "/Users", "", 400, "invalidSyntax"));
        c.add(scimCase("POST /Users trailing garbage", "POST", "/Users", okUser + "}}", 400, "invalidSyntax"));
        c.add(scimCase("POST /Users duplicate keys", "POST", "/Users",
                "{\"schemas\":[\"" + USER + "\"],\"userName\":\"a@example.com\",\"userName\":\"b@example.com\"}", 400, "invalidSyntax"));
        c.add(scimCase("POST /Users nesting 200 deep", "POST", "/Users", deepJson, 400, "invalidSyntax"));
        c.add(scimCase("POST /Users object nested 100 deep", "POST", "/Users", deepObject, 400, "invalidSyntax"));
        c.add(scimCase("POST /Users number of 200 digits", "POST", "/Users",
                "{\"schemas\":[\"" + USER + "\"],\"userName\":\"n@example.com\",\"x\":" + "9".repeat(200) + "}", 400, "invalidSyntax"));
        // POST /Users: schemas
        c.add(scimCase("POST /Users without schemas", "POST", "/Users",
                "{\"userName\":\"noschemas@example.com\"}", 400, "invalidSyntax"));
        c.add(scimCase("POST /Users empty schemas", "POST", "/Users",
                "{\"schemas\":[],\"userName\":\"emptyschemas@example.com\"}", 400, "invalidSyntax"));
        c.add(scimCase("POST /Users unknown schema", "POST", "/Users",
                "{\"schemas\":[\"urn:nope\"],\"userName\":\"unknownschema@example.com\"}", 400, "invalidSyntax"));
        c.add(scimCase("POST /Users Group schema", "POST", "/Users",
                "{\"schemas\":[\"" + GROUP + "\"],\"userName\":\"groupschema@example.com\"}", 400, "invalidSyntax"));
        c.add(scimCase("POST /Users schemas a string", "POST", "/Users",
                "{\"schemas\":\"" + USER + "\",\"userName\":\"stringschemas@example.com\"}", 400, "invalidSyntax"));
        // POST /Users: values
        c.add(scimCase("POST /Users without userName", "POST", "/Users", "{\"schemas\":[\"" + USER + "\"]}", 400, "invalidValue"));
        c.add(scimCase("POST /Users empty userName", "POST", "/Users", userWith("\"userName\":\"\""), 400, "invalidValue"));
        c.add(scimCase("POST /Users blank userName", "POST", "/Users", userWith("\"userName\":\"   \""), 400, "invalidValue"));
        c.add(scimCase("POST /Users null userName", "POST", "/Users", userWith("\"userName\":null"), 400, "invalidValue"));
        c.add(scimCase("POST /Users numeric userName", "POST", "/Users", userWith("\"userName\":42"), 400, "invalidValue"));
        c.add(scimCase("POST /Users object userName", "POST", "/Users", userWith("\"userName\":{\"a\":1}"), 400, "invalidValue"));
        c.add(scimCase("POST /Users huge userName", "POST", "/Users", userWith("\"userName\":\"" + huge + "\""), 400, "invalidValue"));
        c.add(scimCase("POST /Users NUL in userName", "POST", "/Users", userWith("\"userName\":\"nul\\u0000@example.com\""), 400, "invalidValue"));
        c.add(scimCase("POST /Users active not boolean", "POST", "/Users",
                userWith("\"userName\":\"active@example.com\",\"active\":\"maybe\""), 400, "invalidValue"));
        c.add(scimCase("POST /Users name a string", "POST", "/Users",
                userWith("\"userName\":\"name@example.com\",\"name\":\"Alice\""), 400, "invalidValue"));
        c.add(scimCase("POST /Users emails an object of numbers", "POST", "/Users",
                userWith("\"userName\":\"emails@example.com\",\"emails\":[{\"value\":42}]"), 400, "invalidValue"));
        c.add(scimCase("POST /Users emails a number", "POST", "/Users",
                userWith("\"userName\":\"emails2@example.com\",\"emails\":7"), 400, "invalidValue"));
        c.add(scimCase("POST /Users huge displayName", "POST", "/Users",
                userWith("\"userName\":\"huge2@example.com\",\"displayName\":\"" + huge + "\""), 400, "invalidValue"));
        c.add(scimCase("POST /Users externalId an object", "POST", "/Users",
                userWith("\"userName\":\"ext@example.com\",\"externalId\":{\"a\":1}"), 400, "invalidValue"));
        c.add(scimCase("POST /Users existing userName, other case", "POST", "/Users", "ALICE", 409, "uniqueness"));
        // POST /Users: transport
        c.add(new Case("POST /Users text/plain", Api.SCIM, "POST", "/Users", "text/plain", okUser, 415, null));
        c.add(new Case("POST /Users application/xml", Api.SCIM, "POST", "/Users", "application/xml",
                "<user><userName>x</userName></user>", 415, null));
        c.add(new Case("POST /Users form-urlencoded", Api.SCIM, "POST", "/Users", "application/x-www-form-urlencoded",
                "userName=form%40example.com", 415, null));
        c.add(new Case("POST /Users body over 1 MiB", Api.SCIM, "POST", "/Users", SCIM_JSON, oversize, 413, null));
        c.add(new Case("POST /Users invalid UTF-8", Api.SCIM, "POST", "/Users", SCIM_JSON, invalidUtf8User(), 400, "invalidSyntax"));
        c.add(new Case("POST /Users overlong UTF-8 encoding", Api.SCIM, "POST", "/Users", SCIM_JSON,
                withBytes("{\"schemas\":[\"" + USER + "\"],\"userName\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "@example.com\"}"),
                400, "invalidSyntax"));

        // transport refused before our resources run (Keycloak's filters, the framework's form parsing)
        c.add(new Case("POST /Users multipart garbage", Api.SCIM, "POST", "/Users", "multipart/form-data; boundary=XX",
                "garbage\r\n--XX", 415, null));
        c.add(new Case("PUT /Users multipart garbage", Api.SCIM, "PUT", "/Users/{user}", "multipart/form-data; boundary=XX",
                "--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\ngarb", 415, null));
        c.add(new Case("POST /Groups multipart without boundary", Api.SCIM, "POST", "/Groups", "multipart/form-data", "garbage", 415, null));
        c.add(new Case("POST /Users form-urlencoded garbage", Api.SCIM, "POST", "/Users", "application/x-www-form-urlencoded",
                "a=%ZZ&&==&%", 415, null));
        c.add(new Case("multipart garbage, no credential", Api.SCIM_ANONYMOUS, "POST", "/Users", "multipart/form-data; boundary=XX",
                "garbage", 415, null));
        c.add(new Case("POST /Users unparseable Content-Type", Api.SCIM, "POST", "/Users", "garbage", okUser, 415, null));
        c.add(new Case("GET /Users unparseable Content-Type", Api.SCIM, "GET", "/Users", "garbage", null, 415, null));
        c.add(new Case("POST /Users Content-Type parameter without value", Api.SCIM, "POST", "/Users", "application/json; charset",
                okUser, 415, null));
        c.add(new Case("POST /Users without Content-Type", Api.SCIM, "POST", "/Users", NO_CONTENT_TYPE, okUser, 415, null));
        c.add(new Case("GET /Users Accept application/xml", Api.SCIM, "GET", "/Users", null, null, 406, null, "application/xml"));
        c.add(new Case("POST /Users Accept text/html", Api.SCIM, "POST", "/Users", SCIM_JSON, okUser, 406, null, "text/html"));
        c.add(new Case("GET /Users Accept JSON with q=0", Api.SCIM, "GET", "/Users", null, null, 406, null,
                "application/scim+json;q=0, application/json;q=0, text/plain"));
        c.add(new Case("GET /Users unparseable Accept", Api.SCIM, "GET", "/Users", null, null, 406, null, "garbage"));
        c.add(scimCase("TRACE /Users (the framework's 405)", "TRACE", "/Users", null, 405, null));
        // control characters in query parameters (Keycloak's InvalidQueryParameterFilter would answer its own JSON)
        c.add(scimCase("filter with U+0000", "GET", "/Users?filter=" + q("userName eq \"a\u0000\""), null, 400, "invalidFilter"));
        c.add(scimCase("filter with ESC", "GET", "/Users?filter=" + q("userName eq \"a\u001b\""), null, 400, "invalidFilter"));
        c.add(scimCase("GET /Groups filter with U+0000", "GET", "/Groups?filter=" + q("displayName eq \"\u0000\""), null, 400, "invalidFilter"));
        c.add(scimCase("attributes with U+0000", "GET", "/Users?attributes=" + q("user\u0000Name"), null, 400, "invalidValue"));
        c.add(scimCase("excludedAttributes with U+0001 on a user", "GET", "/Users/{user}?excludedAttributes=" + q("\u0001"),
                null, 400, "invalidValue"));
        c.add(scimCase("count with U+0000", "GET", "/Users?count=" + q("1\u0000"), null, 400, "invalidValue"));
        // strings that are no Unicode text: refused, never stored as '?'
        c.add(scimCase("POST /Users lone high surrogate in userName", "POST", "/Users",
                userWith("\"userName\":\"\\ud800x@x.test\""), 400, "invalidValue"));
        c.add(scimCase("POST /Users lone low surrogate in displayName", "POST", "/Users",
                userWith("\"userName\":\"low@example.com\",\"displayName\":\"a\\udc00b\""), 400, "invalidValue"));
        c.add(scimCase("POST /Users swapped surrogate pair in givenName", "POST", "/Users",
                userWith("\"userName\":\"swap@example.com\",\"name\":{\"givenName\":\"\\ude00\\ud83d\"}"), 400, "invalidValue"));
        c.add(scimCase("POST /Users high surrogate ending an email", "POST", "/Users",
                userWith("\"userName\":\"end@example.com\",\"emails\":[{\"value\":\"end@example.com\\ud83d\"}]"), 400, "invalidValue"));
        c.add(scimCase("POST /Users lone surrogate in a field name", "POST", "/Users",
                userWith("\"userName\":\"key@example.com\",\"x\\ud800\":\"v\""), 400, "invalidValue"));
        c.add(scimCase("POST /Users U+0000 in displayName", "POST", "/Users",
                userWith("\"userName\":\"nul2@example.com\",\"displayName\":\"a\\u0000b\""), 400, "invalidValue"));
        c.add(new Case("POST /Users UTF-8 encoded surrogate (CESU-8)", Api.SCIM, "POST", "/Users", SCIM_JSON,
                withBytes(userWith("\"userName\":\"cesu"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "@example.com\"}"),
                400, "invalidSyntax"));
        c.add(scimCase("PUT /Users lone surrogate in displayName", "PUT", "/Users/{user}", "PUT_LONE_SURROGATE", 400, "invalidValue"));
        c.add(scimCase("PATCH /Users lone surrogate in a value", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"\\udbff\"}"), 400, "invalidValue"));
        c.add(scimCase("POST /Groups lone surrogate in displayName", "POST", "/Groups",
                groupWith("\"displayName\":\"Team \\ud800\""), 400, "invalidValue"));
        c.add(scimCase("PATCH /Groups lone surrogate in a member value", "PATCH", "/Groups/{group}",
                patchBody("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"{user}\\udc00\"}]}"), 400, "invalidValue"));

        // PUT /Users/{id}
        c.add(scimCase("PUT /Users malformed JSON", "PUT", "/Users/{user}", "{\"schemas\":", 400, "invalidSyntax"));
        c.add(scimCase("PUT /Users without userName", "PUT", "/Users/{user}", "{\"schemas\":[\"" + USER + "\"]}", 400, "invalidValue"));
        c.add(scimCase("PUT /Users unknown schema", "PUT", "/Users/{user}",
                "{\"schemas\":[\"urn:nope\"],\"userName\":\"x@example.com\"}", 400, "invalidSyntax"));
        c.add(scimCase("PUT /Users active a number", "PUT", "/Users/{user}", "PUT_ACTIVE_NUMBER", 400, "invalidValue"));
        c.add(scimCase("PUT /Users unknown id", "PUT", "/Users/00000000-0000-0000-0000-000000000000", okUser, 404, null));
        c.add(scimCase("PUT /Users user of another team", "PUT", "/Users/{outsider}", okUser, 404, null));
        c.add(new Case("PUT /Users text/plain", Api.SCIM, "PUT", "/Users/{user}", "text/plain", okUser, 415, null));
        c.add(new Case("PUT /Users invalid UTF-8", Api.SCIM, "PUT", "/Users/{user}", SCIM_JSON, invalidUtf8User(), 400, "invalidSyntax"));
        c.add(new Case("PUT /Users body over 1 MiB", Api.SCIM, "PUT", "/Users/{user}", SCIM_JSON, oversize, 413, null));

        // PATCH /Users/{id}
        c.add(scimCase("PATCH /Users malformed JSON", "PATCH", "/Users/{user}", "{\"Operations\":[{", 400, "invalidSyntax"));
        c.add(scimCase("PATCH /Users without schemas", "PATCH", "/Users/{user}",
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}]}", 400, "invalidSyntax"));
        c.add(scimCase("PATCH /Users User schema instead of PatchOp", "PATCH", "/Users/{user}",
                "{\"schemas\":[\"" + USER + "\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}]}",
                400, "invalidSyntax"));
        c.add(scimCase("PATCH /Users without Operations", "PATCH", "/Users/{user}", patchBody(null), 400, "invalidSyntax"));
        c.add(scimCase("PATCH /Users Operations an object", "PATCH", "/Users/{user}",
                "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":{\"op\":\"add\"}}", 400, "invalidSyntax"));
        c.add(scimCase("PATCH /Users unknown op", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"frobnicate\",\"path\":\"displayName\",\"value\":\"x\"}"), 400, "invalidSyntax"));
        c.add(scimCase("PATCH /Users op missing", "PATCH", "/Users/{user}",
                patchBody("{\"path\":\"displayName\",\"value\":\"x\"}"), 400, "invalidSyntax"));
        c.add(scimCase("PATCH /Users op a number", "PATCH", "/Users/{user}",
                patchBody("{\"op\":1,\"path\":\"displayName\",\"value\":\"x\"}"), 400, "invalidSyntax"));
        c.add(scimCase("PATCH /Users unknown path", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"replace\",\"path\":\"nope\",\"value\":\"x\"}"), 400, "invalidPath"));
        c.add(scimCase("PATCH /Users broken path", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"replace\",\"path\":\"name.[\",\"value\":\"x\"}"), 400, "invalidPath"));
        c.add(scimCase("PATCH /Users broken value filter", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"replace\",\"path\":\"emails[type eq].value\",\"value\":\"x@example.com\"}"), 400, "invalidPath"));
        c.add(scimCase("PATCH /Users remove without path", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"remove\"}"), 400, "noTarget"));
        c.add(scimCase("PATCH /Users replace id", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"00000000-0000-0000-0000-000000000000\"}"), 400, "mutability"));
        c.add(scimCase("PATCH /Users replace groups", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"x\"}]}"), 400, "mutability"));
        c.add(scimCase("PATCH /Users active not boolean", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}"), 400, "invalidValue"));
        c.add(scimCase("PATCH /Users add without value", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"add\",\"path\":\"displayName\"}"), 400, "invalidValue"));
        c.add(scimCase("PATCH /Users userName an object", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"replace\",\"path\":\"userName\",\"value\":{\"a\":1}}"), 400, "invalidValue"));
        c.add(scimCase("PATCH /Users userName empty", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"\"}"), 400, "invalidValue"));
        c.add(scimCase("PATCH /Users second op bad, first op undone", "PATCH", "/Users/{user}",
                patchBody("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Changed\"},"
                        + "{\"op\":\"replace\",\"path\":\"nope\",\"value\":\"x\"}"), 400, "invalidPath"));
        c.add(scimCase("PATCH /Users unknown id", "PATCH", "/Users/00000000-0000-0000-0000-000000000000",
                patchBody("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}"), 404, null));
        c.add(new Case("PATCH /Users body over 1 MiB", Api.SCIM, "PATCH", "/Users/{user}", SCIM_JSON,
                patchBody("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"" + "z".repeat(MAX_BODY) + "\"}"), 413, null));
        c.add(new Case("PATCH /Users text/xml", Api.SCIM, "PATCH", "/Users/{user}", "text/xml", "<x/>", 415, null));

        // GET /Users: filters, paging, sorting, projection
        c.add(scimCase("filter without value", "GET", "/Users?filter=" + q("userName eq"), null, 400, "invalidFilter"));
        c.add(scimCase("filter unknown operator", "GET", "/Users?filter=" + q("userName is \"x\""), null, 400, "invalidFilter"));
        c.add(scimCase("filter unknown attribute", "GET", "/Users?filter=" + q("nope eq \"x\""), null, 400, "invalidFilter"));
        c.add(scimCase("filter unknown URN attribute", "GET", "/Users?filter=" + q("urn:nope:x eq \"x\""), null, 400, "invalidFilter"));
        c.add(scimCase("filter unbalanced parenthesis", "GET", "/Users?filter=" + q("(userName eq \"x\""), null, 400, "invalidFilter"));
        c.add(scimCase("filter unclosed value path", "GET", "/Users?filter=" + q("emails[type eq \"work\""), null, 400, "invalidFilter"));
        c.add(scimCase("filter dangling and", "GET", "/Users?filter=" + q("userName eq \"a\" and"), null, 400, "invalidFilter"));
        c.add(scimCase("filter stray closing bracket", "GET", "/Users?filter=" + q("userName eq \"x\"]"), null, 400, "invalidFilter"));
        c.add(scimCase("filter unterminated string", "GET", "/Users?filter=" + q("userName eq \"x"), null, 400, "invalidFilter"));
        c.add(scimCase("filter nested 40 deep", "GET", "/Users?filter=" + q("(".repeat(40) + "userName eq \"x\"" + ")".repeat(40)),
                null, 400, "invalidFilter"));
        c.add(scimCase("filter of 101 comparisons", "GET", "/Users?filter=" + q(manyTerms(101)), null, 400, "invalidFilter"));
        c.add(scimCase("filter longer than 4096", "GET", "/Users?filter=" + q("userName eq \"" + "a".repeat(4100) + "\""),
                null, 400, "invalidFilter"));
        c.add(scimCase("filter bad date", "GET", "/Users?filter=" + q("meta.created gt \"yesterday\""), null, 400, "invalidFilter"));
        c.add(scimCase("filter active against a string", "GET", "/Users?filter=" + q("active eq \"maybe\""), null, 400, "invalidFilter"));
        c.add(scimCase("filter gt on a boolean", "GET", "/Users?filter=" + q("active gt true"), null, 400, "invalidFilter"));
        c.add(scimCase("filter SQL-looking garbage", "GET", "/Users?filter=" + q("1=1; DROP TABLE USER_ENTITY; --"), null, 400, "invalidFilter"));
        c.add(scimCase("filter JPQL-looking attribute", "GET", "/Users?filter=" + q("u.username eq \"x\" or 1 eq 1"), null, 400, "invalidFilter"));
        c.add(scimCase("filter sub-attribute of a simple attribute", "GET", "/Users?filter=" + q("userName.value eq \"x\""), null, 400, "invalidFilter"));
        c.add(scimCase("startIndex not a number", "GET", "/Users?startIndex=abc", null, 400, "invalidValue"));
        c.add(scimCase("count a decimal", "GET", "/Users?count=1.5", null, 400, "invalidValue"));
        c.add(scimCase("count not a number", "GET", "/Users?count=ten", null, 400, "invalidValue"));
        c.add(scimCase("sortBy unknown", "GET", "/Users?sortBy=nope", null, 400, "invalidValue"));
        c.add(scimCase("sortOrder unknown", "GET", "/Users?sortBy=userName&sortOrder=sideways", null, 400, "invalidValue"));
        c.add(scimCase("attributes unknown", "GET", "/Users?attributes=nope", null, 400, "invalidValue"));
        c.add(scimCase("attributes with a filter", "GET", "/Users?attributes=" + q("emails[type eq \"work\"]"), null, 400, "invalidValue"));
        c.add(scimCase("excludedAttributes unknown on a user", "GET", "/Users/{user}?excludedAttributes=nope", null, 400, "invalidValue"));

        // /Users/{id} lookups and methods
        c.add(scimCase("GET unknown user", "GET", "/Users/00000000-0000-0000-0000-000000000000", null, 404, null));
        c.add(scimCase("GET injection-looking id", "GET", "/Users/" + q("' or 1=1 --"), null, 404, null));
        c.add(scimCase("GET user of another team", "GET", "/Users/{outsider}", null, 404, null));
        c.add(scimCase("DELETE user of another team", "DELETE", "/Users/{outsider}", null, 404, null));
        c.add(scimCase("DELETE unknown user", "DELETE", "/Users/nope", null, 404, null));
        c.add(scimCase("DELETE /Users collection", "DELETE", "/Users", null, 405, null));
        c.add(scimCase("PATCH /Users collection", "PATCH", "/Users", patchBody("{\"op\":\"remove\",\"path\":\"userName\"}"), 405, null));
        c.add(scimCase("POST /Users/{id}", "POST", "/Users/{user}", okUser, 404, null));

        // /Groups
        c.add(scimCase("PUT /Groups collection", "PUT", "/Groups", "{}", 405, null));
        c.add(scimCase("DELETE /Groups collection", "DELETE", "/Groups", null, 405, null));
        c.add(scimCase("POST /Groups malformed JSON", "POST", "/Groups", "{\"displayName\":", 400, "invalidSyntax"));
        c.add(scimCase("POST /Groups without schemas", "POST", "/Groups", "{\"displayName\":\"NoSchemas\"}", 400, "invalidSyntax"));
        c.add(scimCase("POST /Groups User schema", "POST", "/Groups",
                "{\"schemas\":[\"" + USER + "\"],\"displayName\":\"WrongSchema\"}", 400, "invalidSyntax"));
        c.add(scimCase("POST /Groups without displayName", "POST", "/Groups", "{\"schemas\":[\"" + GROUP + "\"]}", 400, "invalidValue"));
        c.add(scimCase("POST /Groups empty displayName", "POST", "/Groups", groupWith("\"displayName\":\"\""), 400, "invalidValue"));
        c.add(scimCase("POST /Groups numeric displayName", "POST", "/Groups", groupWith("\"displayName\":12"), 400, "invalidValue"));
        c.add(scimCase("POST /Groups huge displayName", "POST", "/Groups", groupWith("\"displayName\":\"" + huge + "\""), 400, "invalidValue"));
        c.add(scimCase("POST /Groups duplicate displayName", "POST", "/Groups", groupWith("\"displayName\":\"ENGINEERING\""), 409, "uniqueness"));
        c.add(scimCase("POST /Groups members an object", "POST", "/Groups",
                groupWith("\"displayName\":\"Members1\",\"members\":{\"value\":\"x\"}"), 400, "invalidValue"));
        c.add(scimCase("POST /Groups member without value", "POST", "/Groups",
                groupWith("\"displayName\":\"Members2\",\"members\":[{\"display\":\"x\"}]"), 400, "invalidValue"));
        c.add(scimCase("POST /Groups member of another team", "POST", "/Groups",
                groupWith("\"displayName\":\"Members3\",\"members\":[{\"value\":\"{outsider}\"}]"), 400, "invalidValue"));
        c.add(new Case("POST /Groups text/plain", Api.SCIM, "POST", "/Groups", "text/plain", groupWith("\"displayName\":\"T\""), 415, null));
        c.add(new Case("POST /Groups invalid UTF-8", Api.SCIM, "POST", "/Groups", SCIM_JSON,
                withBytes(groupWith("\"displayName\":\"bad"), new byte[] {(byte) 0xFF, (byte) 0xFE}, "\"}"), 400, "invalidSyntax"));
        c.add(new Case("POST /Groups body over 1 MiB", Api.SCIM, "POST", "/Groups", SCIM_JSON,
                groupWith("\"displayName\":\"Big\",\"externalId\":\"" + "e".repeat(MAX_BODY) + "\""), 413, null));
        c.add(scimCase("PUT /Groups without displayName", "PUT", "/Groups/{group}", "{\"schemas\":[\"" + GROUP + "\"]}", 400, "invalidValue"));
        c.add(scimCase("PUT /Groups unknown member", "PUT", "/Groups/{group}",
                groupWith("\"displayName\":\"Engineering\",\"members\":[{\"value\":\"00000000-0000-0000-0000-000000000000\"}]"), 400, "invalidValue"));
        c.add(scimCase("PATCH /Groups unknown op", "PATCH", "/Groups/{group}",
                patchBody("{\"op\":\"merge\",\"path\":\"members\",\"value\":[]}"), 400, "invalidSyntax"));
        c.add(scimCase("PATCH /Groups unknown path", "PATCH", "/Groups/{group}",
                patchBody("{\"op\":\"replace\",\"path\":\"owners\",\"value\":\"x\"}"), 400, "invalidPath"));
        c.add(scimCase("PATCH /Groups broken member filter", "PATCH", "/Groups/{group}",
                patchBody("{\"op\":\"remove\",\"path\":\"members[value eq\"}"), 400, "invalidPath"));
        c.add(scimCase("PATCH /Groups members value not an array", "PATCH", "/Groups/{group}",
                patchBody("{\"op\":\"add\",\"path\":\"members\",\"value\":42}"), 400, "invalidValue"));
        c.add(scimCase("PATCH /Groups add unknown member", "PATCH", "/Groups/{group}",
                patchBody("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"00000000-0000-0000-0000-000000000000\"}]}"),
                400, "invalidValue"));
        c.add(scimCase("PATCH /Groups rename onto another group", "PATCH", "/Groups/{group}",
                patchBody("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"sales\"}"), 409, "uniqueness"));
        c.add(scimCase("PATCH /Groups replace id", "PATCH", "/Groups/{group}",
                patchBody("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}"), 400, "mutability"));
        c.add(scimCase("PATCH /Groups displayName null", "PATCH", "/Groups/{group}",
                patchBody("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":null}"), 400, "invalidValue"));
        c.add(scimCase("GET /Groups filter broken", "GET", "/Groups?filter=" + q("displayName eq"), null, 400, "invalidFilter"));
        c.add(scimCase("GET /Groups filter unknown attribute", "GET", "/Groups?filter=" + q("userName eq \"x\""), null, 400, "invalidFilter"));
        c.add(scimCase("GET /Groups count not a number", "GET", "/Groups?count=x", null, 400, "invalidValue"));
        c.add(scimCase("GET unknown group", "GET", "/Groups/00000000-0000-0000-0000-000000000000", null, 404, null));
        c.add(scimCase("DELETE unknown group", "DELETE", "/Groups/nope", null, 404, null));

        // discovery and routing
        c.add(scimCase("unknown schema URN", "GET", "/Schemas/urn:nope", null, 404, null));
        c.add(scimCase("unknown resource type", "GET", "/ResourceTypes/Nope", null, 404, null));
        c.add(scimCase("unknown endpoint", "GET", "/Nope", null, 404, null));
        c.add(scimCase("POST to ServiceProviderConfig", "POST", "/ServiceProviderConfig", okUser, 405, null));
        c.add(scimCase("DELETE Schemas", "DELETE", "/Schemas", null, 405, null));
        c.add(new Case("no credential", Api.SCIM_ANONYMOUS, "GET", "/Users", null, null, 401, null));
        c.add(new Case("no credential, unknown team", Api.SCIM_ANONYMOUS, "GET", "//Users", null, null, 401, null));
        c.add(new Case("valid token, unknown team", Api.SCIM_UNKNOWN_TEAM, "GET", "/Users", null, null, 404, null));
        c.add(new Case("garbage SCIM token", Api.SCIM_BAD_TOKEN, "GET", "/Users", null, null, 401, null));
        c.add(new Case("garbage SCIM token on POST", Api.SCIM_BAD_TOKEN, "POST", "/Users", SCIM_JSON, okUser, 401, null));
        c.add(new Case("other team's token", Api.SCIM_OTHER_TEAM_TOKEN, "POST", "/Users", SCIM_JSON, okUser, 403, null));
        c.add(new Case("other team's token on discovery", Api.SCIM_OTHER_TEAM_TOKEN, "GET", "/ServiceProviderConfig", null, null, 403, null));

        // admin API (Keycloak error JSON)
        c.add(adminCase("admin POST team malformed JSON", "POST", "", "{\"slug\":", 400));
        c.add(adminCase("admin POST team JSON array", "POST", "", "[]", 400));
        c.add(adminCase("admin POST team bad slug", "POST", "", "{\"slug\":\"Bad Slug!\",\"title\":\"x\"}", 400));
        c.add(adminCase("admin POST team huge slug", "POST", "", "{\"slug\":\"" + "a".repeat(5000) + "\",\"title\":\"x\"}", 400));
        c.add(adminCase("admin POST team slug a number", "POST", "", "{\"slug\":7,\"title\":\"x\"}", 400));
        c.add(adminCase("admin POST team unknown field", "POST", "", "{\"slug\":\"okslug\",\"title\":\"x\",\"admin\":true}", 400));
        c.add(adminCase("admin POST team huge title", "POST", "", "{\"slug\":\"okslug2\",\"title\":\"" + huge + "\"}", 400));
        c.add(adminCase("admin POST team duplicate slug", "POST", "", "{\"slug\":\"{slug}\",\"title\":\"x\"}", 409));
        c.add(new Case("admin POST team invalid UTF-8", Api.ADMIN, "POST", "", "application/json",
                withBytes("{\"slug\":\"utf", new byte[] {(byte) 0xC3, (byte) 0x28}, "\",\"title\":\"x\"}"), 400, null));
        c.add(new Case("admin POST team text/plain", Api.ADMIN, "POST", "", "text/plain", "{\"slug\":\"plain\",\"title\":\"x\"}", 415, null));
        c.add(adminCase("admin PUT team change slug", "PUT", "/{slug}", "{\"slug\":\"renamed\",\"title\":\"x\"}", 400));
        c.add(adminCase("admin PUT team lone surrogate in title", "PUT", "/{slug}", "{\"title\":\"\\ud800Acme\"}", 400));
        c.add(adminCase("admin PUT team swapped surrogate pair in title", "PUT", "/{slug}", "{\"title\":\"\\ude00\\ud83d\"}", 400));
        c.add(adminCase("admin PUT team U+0000 in title", "PUT", "/{slug}", "{\"title\":\"A\\u0000\"}", 400));
        c.add(new Case("admin PUT team invalid UTF-8 in title", Api.ADMIN, "PUT", "/{slug}", "application/json",
                withBytes("{\"title\":\"Ac", new byte[] {(byte) 0xC3, (byte) 0x28}, "me\"}"), 400, null));
        c.add(new Case("admin PUT team overlong UTF-8 in title", Api.ADMIN, "PUT", "/{slug}", "application/json",
                withBytes("{\"title\":\"Ac", new byte[] {(byte) 0xC0, (byte) 0xAF}, "me\"}"), 400, null));
        c.add(new Case("admin PUT team UTF-8 encoded surrogate in title", Api.ADMIN, "PUT", "/{slug}", "application/json",
                withBytes("{\"title\":\"Ac", new byte[] {(byte) 0xED, (byte) 0xB0, (byte) 0x80}, "me\"}"), 400, null));
        c.add(adminCase("admin POST workspace lone surrogate in title", "POST", "/{slug}/workspaces",
                "{\"name\":\"surrogate\",\"title\":\"x\\udfff\"}", 400));
        c.add(adminCase("admin POST token lone surrogate in name", "POST", "/{slug}/scim-tokens", "{\"name\":\"t\\ud800\"}", 400));
        c.add(new Case("admin PUT team unparseable Content-Type", Api.ADMIN, "PUT", "/{slug}", "garbage", "{\"title\":\"x\"}", 415, null));
        c.add(adminCase("admin POST workspace bad name", "POST", "/{slug}/workspaces", "{\"name\":\"../x\",\"title\":\"x\"}", 400));
        c.add(adminCase("admin POST workspace duplicate", "POST", "/{slug}/workspaces", "{\"name\":\"main\",\"title\":\"x\"}", 409));
        c.add(adminCase("admin PUT member unknown team role", "PUT", "/{slug}/members/{user}", "{\"teamRole\":\"Overlord\"}", 400));
        c.add(adminCase("admin PUT member unknown workspace role", "PUT", "/{slug}/members/{user}",
                "{\"teamRole\":\"User\",\"workspaceRoles\":{\"main\":\"God\"}}", 400));
        c.add(adminCase("admin PUT member unknown workspace", "PUT", "/{slug}/members/{user}",
                "{\"teamRole\":\"User\",\"workspaceRoles\":{\"nope\":\"Admin\"}}", 400));
        c.add(adminCase("admin PUT member workspaceRoles an array", "PUT", "/{slug}/members/{user}",
                "{\"teamRole\":\"User\",\"workspaceRoles\":[\"Admin\"]}", 400));
        c.add(adminCase("admin PUT member unknown user", "PUT", "/{slug}/members/00000000-0000-0000-0000-000000000000",
                "{\"teamRole\":\"User\"}", 404));
        c.add(adminCase("admin GET members max not a number", "GET", "/{slug}/members?max=abc", null, 400));
        c.add(adminCase("admin GET members negative first", "GET", "/{slug}/members?first=-1", null, 400));
        c.add(adminCase("admin PUT group roles unknown role", "PUT", "/{slug}/groups/{group}/roles", "{\"teamRole\":\"Root\"}", 400));
        c.add(adminCase("admin PUT group roles unknown group", "PUT", "/{slug}/groups/nope/roles", "{\"teamRole\":\"User\"}", 404));
        c.add(adminCase("admin POST token expiresInDays a string", "POST", "/{slug}/scim-tokens", "{\"name\":\"t\",\"expiresInDays\":\"ten\"}", 400));
        c.add(adminCase("admin POST token negative expiry", "POST", "/{slug}/scim-tokens", "{\"name\":\"t\",\"expiresInDays\":-5}", 400));
        c.add(adminCase("admin POST token past expiresAt", "POST", "/{slug}/scim-tokens", "{\"name\":\"t\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}", 400));
        c.add(adminCase("admin POST token huge name", "POST", "/{slug}/scim-tokens", "{\"name\":\"" + huge + "\"}", 400));
        c.add(adminCase("admin DELETE unknown token", "DELETE", "/{slug}/scim-tokens/nope", null, 404));
        c.add(adminCase("admin GET unknown team", "GET", "/nope-" + System.nanoTime(), null, 404));
        return c.stream();
    }

    /** Injection-looking filters are valid SCIM: they must match nothing (200, zero results), never everything. */
    static Stream<Arguments> harmlessFilters() {
        return Stream.of(
                Arguments.of("userName eq \"x' or 1=1 --\"", 0),
                Arguments.of("userName eq \"\\\" or \\\"1\\\"=\\\"1\"", 0),
                Arguments.of("userName co \"%\"", 0),
                Arguments.of("userName sw \"_\"", 0),
                Arguments.of("userName co \"\\\\\"", 0),
                Arguments.of("displayName ew \"') OR ('a'='a\"", 0),
                Arguments.of("externalId eq \"1 OR 1=1\"", 0),
                Arguments.of("groups eq \"' or ''='\"", 0),
                Arguments.of("emails[value co \"%@%\"]", 0),
                Arguments.of("userName eq \"" + "\u00e9\u4e2d\ud83d\ude00" + "\"", 0),
                Arguments.of("not (userName pr)", 0),
                Arguments.of("userName pr", 1));
    }

    // ---------------------------------------------------------------- the tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithoutChange(Case c) {
        String before = state();
        Http.Response r = send(c);
        assertTrue(r.status() < 500, () -> c.name + ": no 5xx, got " + r);
        if (c.api == Api.ADMIN) {
            assertAdminError(c, r);
        } else {
            assertScimError(r, c.status, c.scimType, c.name);
        }
        assertEquals(before, state(), c.name + ": stored state must be unchanged");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("harmlessFilters")
    void injectionLookingFiltersMatchNothing(String filter, int expected) {
        String before = state();
        Http.Response r = scim.filterUsers(filter);
        assertEquals(200, r.status(), () -> filter + ": " + r);
        assertEquals(expected, r.requireJson().path("totalResults").asInt(), () -> filter + ": " + r);
        assertEquals(before, state());
    }

    /** The other side of strict text: astral characters, escaped or raw, are stored and answered exactly. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("astralBodies")
    void astralCharactersAreStoredExactly(String how, String displayName) {
        String userName = unique("astral");
        String body = "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName + "\",\"displayName\":\"" + displayName + "\"}";
        Http.Response created = scim.raw("POST", "/Users", SCIM_JSON, body);
        assertEquals(201, created.status(), created::toString);
        String id = created.requireJson().path("id").asText();
        try {
            String expected = "Emoji \ud83d\ude00 clef \ud834\udd1e max \udbff\udfff";
            assertEquals(expected, created.requireJson().path("displayName").asText());
            assertEquals(expected, scim.get("/Users/" + id).requireJson().path("displayName").asText());
        } finally {
            assertEquals(204, scim.delete("/Users/" + id).status());
        }
    }

    static Stream<Arguments> astralBodies() {
        return Stream.of(
                Arguments.of("JSON escapes", "Emoji \\ud83d\\ude00 clef \\uD834\\uDD1E max \\udbff\\udfff"),
                Arguments.of("raw UTF-8", "Emoji \ud83d\ude00 clef \ud834\udd1e max \udbff\udfff"));
    }

    /** Out-of-range paging is clamped as RFC 7644 says, never an error or a 5xx. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pagingValues")
    void pagingIsClamped(String query, int itemsPerPage, int startIndex) {
        Http.Response r = scim.get("/Users?" + query);
        assertEquals(200, r.status(), () -> query + ": " + r);
        JsonNode body = r.requireJson();
        assertEquals(1, body.path("totalResults").asInt(), r::toString);
        assertEquals(itemsPerPage, body.path("itemsPerPage").asInt(), r::toString);
        assertEquals(itemsPerPage, body.path("Resources").size(), r::toString);
        assertEquals(startIndex, body.path("startIndex").asInt(), r::toString);
    }

    static Stream<Arguments> pagingValues() {
        return Stream.of(
                Arguments.of("startIndex=-5", 1, 1),
                Arguments.of("startIndex=0", 1, 1),
                Arguments.of("count=-1", 0, 1),
                Arguments.of("count=0", 0, 1),
                Arguments.of("count=99999999999999999999", 1, 1),
                Arguments.of("startIndex=2147483648", 0, 2147483647),
                Arguments.of("startIndex=-99999999999999999999&count=%2B1", 1, 1));
    }

    // ---------------------------------------------------------------- helpers

    private static Case scimCase(String name, String method, String path, Object body, int status, String scimType) {
        return new Case(name, Api.SCIM, method, path, body == null ? null : SCIM_JSON, body, status, scimType);
    }

    private static Case adminCase(String name, String method, String path, Object body, int status) {
        return new Case(name, Api.ADMIN, method, path, body == null ? null : "application/json", body, status, null);
    }

    private static String userWith(String fields) {
        return "{\"schemas\":[\"" + USER + "\"]," + fields + "}";
    }

    private static String groupWith(String fields) {
        return "{\"schemas\":[\"" + GROUP + "\"]," + fields + "}";
    }

    private static String patchBody(String operations) {
        return operations == null ? "{\"schemas\":[\"" + PATCH_OP + "\"]}"
                : "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + operations + "]}";
    }

    private static String manyTerms(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : " or ").append("userName eq \"u").append(i).append('"');
        }
        return b.toString();
    }

    private static byte[] invalidUtf8User() {
        return withBytes("{\"schemas\":[\"" + USER + "\"],\"userName\":\"bad", new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0x80},
                "@example.com\"}");
    }

    private static byte[] withBytes(String head, byte[] middle, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(middle, 0, all, h.length, middle.length);
        System.arraycopy(t, 0, all, h.length + middle.length, t.length);
        return all;
    }

    private static Object resolve(Object body) {
        if (!(body instanceof String s)) {
            return body;
        }
        if (s.equals("ALICE")) {
            String userName = scim.get("/Users/" + userId).requireJson().path("userName").asText();
            return "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName.toUpperCase() + "\"}";
        }
        if (s.equals("PUT_LONE_SURROGATE")) {
            String userName = scim.get("/Users/" + userId).requireJson().path("userName").asText();
            return "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName + "\",\"displayName\":\"\\ud800\"}";
        }
        if (s.equals("PUT_ACTIVE_NUMBER")) {
            String userName = scim.get("/Users/" + userId).requireJson().path("userName").asText();
            return "{\"schemas\":[\"" + USER + "\"],\"userName\":\"" + userName + "\",\"active\":0}";
        }
        return placeholders(s);
    }

    private static String noSuchTeam() {
        return kc.realmUrl(KeycloakTarget.REALM) + "/teams/nope-" + slug + "/scim/v2";
    }

    private static String placeholders(String s) {
        return s.replace("{user}", userId).replace("{group}", groupId).replace("{outsider}", outsiderId).replace("{slug}", slug);
    }

    private static Http.Response send(Case c) {
        String path = placeholders(c.path);
        Object body = resolve(c.body);
        return switch (c.api) {
            case SCIM -> NO_CONTENT_TYPE.equals(c.contentType)
                    ? Http.request(c.method, scim.base() + path).bearer(scim.token()).accept(c.accept).body(body).withoutContentType().send()
                    : scim.raw(c.method, path, c.contentType, c.accept, body);
            case SCIM_OTHER_TEAM_TOKEN -> new Scim(kc, slug, otherTeamToken).raw(c.method, path, c.contentType, body);
            case SCIM_ANONYMOUS -> Http.request(c.method, (path.startsWith("//") ? noSuchTeam() + path.substring(1) : scim.base() + path))
                    .accept("application/scim+json").contentType(c.contentType).body(body).send();
            case SCIM_BAD_TOKEN -> new Scim(kc, slug, "pst_" + "A".repeat(43) + "' or 1=1 --").raw(c.method, path, c.contentType, body);
            case SCIM_UNKNOWN_TEAM -> new Scim(kc, slug, scim.token()).forSlug("nope-" + slug).raw(c.method, path, c.contentType, body);
            case ADMIN -> {
                String url = kc.baseUrl() + "/admin/realms/preset/teams" + path;
                Http.Builder b = Http.request(c.method, url).bearer(kc.adminToken()).body(body);
                if (c.contentType != null) {
                    b.contentType(c.contentType);
                }
                yield b.send();
            }
        };
    }

    static void assertScimError(Http.Response r, int status, String scimType, String name) {
        assertEquals(status, r.status(), () -> name + ": " + r);
        assertNotNull(r.header("Content-Type"), () -> name + ": Content-Type missing: " + r);
        assertTrue(r.header("Content-Type").startsWith("application/scim+json"), () -> name + ": " + r.header("Content-Type"));
        JsonNode body = r.requireJson();
        assertEquals(Scim.ERROR, body.path("schemas").path(0).asText(), () -> name + ": " + r);
        assertTrue(body.path("status").isTextual(), () -> name + ": status is a string: " + r);
        assertEquals(Integer.toString(status), body.path("status").asText(), () -> name + ": " + r);
        if (scimType == null) {
            assertFalse(body.has("scimType"), () -> name + ": unexpected scimType: " + r);
        } else {
            assertEquals(scimType, body.path("scimType").asText(), () -> name + ": " + r);
        }
        assertFalse(body.path("detail").asText().isBlank(), () -> name + ": detail: " + r);
    }

    private static void assertAdminError(Case c, Http.Response r) {
        assertEquals(c.status, r.status(), () -> c.name + ": " + r);
        JsonNode body = r.json();
        assertNotNull(body, () -> c.name + ": a JSON error body: " + r);
        String message = body.path("errorMessage").asText(body.path("error").asText(""));
        assertFalse(message.isBlank(), () -> c.name + ": error message: " + r);
    }

    /** What the team stores, as SCIM and the admin API show it, plus the realm's user count and the teams. */
    private static String state() {
        StringBuilder s = new StringBuilder();
        s.append(scim.get("/Users?count=1000&sortBy=userName").body()).append('\n');
        s.append(scim.get("/Groups?count=1000").body()).append('\n');
        s.append(kc.realm("preset").users().count()).append('\n');
        s.append(Http.get(admin("/members?max=1000"), kc.adminToken()).body()).append('\n');
        s.append(Http.get(admin("/workspaces"), kc.adminToken()).body()).append('\n');
        s.append(Http.get(admin("/groups"), kc.adminToken()).body()).append('\n');
        JsonNode tokens = Http.get(admin("/scim-tokens"), kc.adminToken()).requireJson();
        tokens.forEach(t -> ((com.fasterxml.jackson.databind.node.ObjectNode) t).remove("lastUsedAt"));
        s.append(tokens).append('\n');
        s.append(Http.get(kc.baseUrl() + "/admin/realms/preset/teams", kc.adminToken()).body());
        return s.toString();
    }
}
