package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import io.preset.teams.it.support.StubDns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.AdminEventRepresentation;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Email-domain claims through {@code /admin/realms/preset/teams/{slug}/domains}: which domains may be claimed,
 * verification by an operator and by a DNS TXT record (answered by {@link StubDns} on loopback), one verified team
 * per domain, admin events and permissions. The extra public mail domain {@value #EXTRA_PUBLIC} comes from the
 * option {@code public-domains} that integration-tests/pom.xml passes to Keycloak.
 */
@ExtendWith(KeycloakExtension.class)
class DomainsIT {

    private static final String EXTRA_PUBLIC = "freemail-it.test";
    private static final String PREFIX = "preset-domain-verification=";

    private static KeycloakTarget kc;

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        kc = target;
    }

    @Test
    void claimShowsTheTxtRecordToPublishAndIsNotVerified() {
        String team = Scim.createTeam(kc, "dom");
        String domain = unique("claim") + ".test";
        Http.Response created = Http.post(domains(team), kc.adminToken(), Map.of("domain", " " + domain.toUpperCase() + ". "));
        assertEquals(201, created.status(), created::toString);
        assertTrue(created.header("Location").endsWith("/domains/" + domain), created::toString);
        JsonNode claim = created.requireJson();
        assertEquals(domain, claim.path("domain").asText(), claim::toString);
        assertFalse(claim.path("verified").asBoolean(), claim::toString);
        assertEquals("TXT", claim.path("dnsRecord").path("type").asText(), claim::toString);
        assertEquals(domain, claim.path("dnsRecord").path("name").asText(), claim::toString);
        assertTrue(claim.path("dnsRecord").path("value").asText().matches(PREFIX + "[0-9a-f]{32}"), claim::toString);

        JsonNode listed = Http.get(domains(team), kc.adminToken()).requireJson();
        assertEquals(1, listed.size(), listed::toString);
        assertEquals(claim.path("dnsRecord"), listed.get(0).path("dnsRecord"), listed::toString);
        assertEquals(claim, Http.get(domains(team) + "/" + domain, kc.adminToken()).requireJson());
        assertEquals(409, Http.post(domains(team), kc.adminToken(), Map.of("domain", domain)).status(), "claimed twice");
    }

    @Test
    void invalidAndPublicDomainsAreRefusedAndNothingIsStored() {
        String team = Scim.createTeam(kc, "dom");
        for (String bad : List.of("not a domain", "localhost", "-x.test", "a..test", "xn--bücher.test")) {
            assertRefused(Http.post(domains(team), kc.adminToken(), Map.of("domain", bad)), "not a domain name");
        }
        assertRefused(Http.post(domains(team), kc.adminToken(), Map.of("domain", "GMail.com")), "'gmail.com' is a public mail domain");
        assertRefused(Http.post(domains(team), kc.adminToken(), Map.of("domain", "outlook.de")), "public mail domain");
        assertRefused(Http.post(domains(team), kc.adminToken(), Map.of("domain", "mx.gmail.com")), "under the public mail domain 'gmail.com'");
        assertRefused(Http.post(domains(team), kc.adminToken(), Map.of("domain", EXTRA_PUBLIC)), "'" + EXTRA_PUBLIC + "' is a public");
        assertRefused(Http.post(domains(team), kc.adminToken(), Map.of("domain", 42)), "domain");
        assertEquals(0, Http.get(domains(team), kc.adminToken()).requireJson().size(), "nothing stored");
    }

    @Test
    void dnsCheckVerifiesOnlyWithTheClaimsOwnRecordAndTellsWhyNot() {
        assumeTrue(kc.usesStubDns(), "Keycloak must resolve through the stub DNS server");
        String team = Scim.createTeam(kc, "dom");
        String domain = unique("dns") + ".test";
        String record = claim(team, domain).path("dnsRecord").path("value").asText();
        String verify = domains(team) + "/" + domain + "/verify";

        // the name does not exist
        JsonNode nx = ok(Http.post(verify, kc.adminToken(), Map.of()));
        assertFalse(nx.path("verified").asBoolean(), nx::toString);
        assertTrue(nx.path("lastCheckError").asText().startsWith("NXDOMAIN"), nx::toString);
        assertFalse(nx.path("lastCheckedAt").asText().isEmpty(), nx::toString);

        StubDns.shared().txt(domain);
        JsonNode none = ok(Http.post(verify, kc.adminToken(), Map.of("method", "dns")));
        assertTrue(none.path("lastCheckError").asText().contains("no TXT records"), none::toString);

        // another token (e.g. another team's claim) and unrelated records: not verified, what was found is listed
        StubDns.shared().txt(domain, "v=spf1 include:_spf.example.test ~all", PREFIX + "0123456789abcdef0123456789abcdef");
        JsonNode wrong = ok(Http.post(verify, kc.adminToken(), Map.of()));
        assertFalse(wrong.path("verified").asBoolean(), wrong::toString);
        String reason = wrong.path("lastCheckError").asText();
        assertTrue(reason.startsWith("no matching record found"), reason);
        assertTrue(reason.contains("'v=spf1 include:_spf.example.test ~all'") && reason.contains("2 TXT record(s)"), reason);
        assertFalse(Http.get(domains(team) + "/" + domain, kc.adminToken()).requireJson().path("verified").asBoolean());

        // an answer too large for UDP is refused, not half read
        StubDns.shared().txt(domain, "x".repeat(5000), record);
        assertTrue(ok(Http.post(verify, kc.adminToken(), Map.of())).path("lastCheckError").asText().contains("truncated"));

        StubDns.shared().txt(domain, "v=spf1 -all", record);
        JsonNode verified = ok(Http.post(verify, kc.adminToken(), Map.of()));
        assertTrue(verified.path("verified").asBoolean(), verified::toString);
        assertEquals("dns", verified.path("verifiedBy").asText(), verified::toString);
        assertTrue(verified.path("lastCheckError").isMissingNode(), verified::toString);
        assertTrue(Http.get(domains(team) + "/" + domain, kc.adminToken()).requireJson().path("verified").asBoolean());

        // the record may go once verified: verifying again changes nothing
        StubDns.shared().remove(domain);
        assertTrue(ok(Http.post(verify, kc.adminToken(), Map.of())).path("verified").asBoolean());
    }

    @Test
    void twoTeamsMayClaimADomainButOnlyOneVerifiesIt() {
        String first = Scim.createTeam(kc, "dom");
        String second = Scim.createTeam(kc, "dom");
        String domain = unique("shared") + ".test";
        claim(first, domain);
        String secondRecord = claim(second, domain).path("dnsRecord").path("value").asText();

        assertTrue(ok(Http.post(domains(first) + "/" + domain + "/verify", kc.adminToken(), Map.of("method", "operator")))
                .path("verified").asBoolean());
        Http.Response byOperator = Http.post(domains(second) + "/" + domain + "/verify", kc.adminToken(), Map.of("method", "operator"));
        assertEquals(409, byOperator.status(), byOperator::toString);
        assertTrue(byOperator.requireJson().path("errorMessage").asText().contains("verified by another team"), byOperator::toString);
        assertFalse(byOperator.body().contains(first), "the other team is not named: " + byOperator);
        if (kc.usesStubDns()) {
            StubDns.shared().txt(domain, secondRecord);
            assertEquals(409, Http.post(domains(second) + "/" + domain + "/verify", kc.adminToken(), Map.of()).status());
        }
        JsonNode secondClaim = Http.get(domains(second) + "/" + domain, kc.adminToken()).requireJson();
        assertFalse(secondClaim.path("verified").asBoolean(), secondClaim::toString);
        assertTrue(secondClaim.path("lastCheckedAt").isMissingNode(), "a refused verification records nothing: " + secondClaim);

        // once the first team lets it go, the second may verify it
        assertEquals(204, Http.delete(domains(first) + "/" + domain, kc.adminToken()).status());
        assertTrue(ok(Http.post(domains(second) + "/" + domain + "/verify", kc.adminToken(), Map.of("method", "operator")))
                .path("verified").asBoolean());
    }

    @Test
    void operatorVerifiesDeletesAndEveryChangeIsAnAdminEventOfTheOperator() {
        String team = Scim.createTeam(kc, "dom");
        String domain = unique("op") + ".test";
        claim(team, domain);
        String url = domains(team) + "/" + domain;

        assertRefused(Http.post(url + "/verify", kc.adminToken(), Map.of("method", "email")), "'method' must be");
        assertRefused(Http.post(url + "/verify", kc.adminToken(), Map.of("method", "operator", "x", 1)), "Unknown field");
        JsonNode verified = ok(Http.post(url + "/verify", kc.adminToken(), Map.of("method", "operator")));
        assertTrue(verified.path("verified").asBoolean(), verified::toString);
        assertEquals("operator", verified.path("verifiedBy").asText(), verified::toString);
        assertFalse(verified.path("verifiedAt").asText().isEmpty(), verified::toString);
        if (kc.usesStubDns()) { // a failed DNS check of another claim is an event too: its status changed
            String other = unique("op-dns") + ".test";
            claim(team, other);
            assertFalse(ok(Http.post(domains(team) + "/" + other + "/verify", kc.adminToken(), Map.of())).path("verified").asBoolean());
            assertTrue(events(team).stream().anyMatch(e -> "ACTION".equals(e.getOperationType())
                    && e.getResourcePath().equals("teams/" + team + "/domains/" + other + "/verify")));
        }

        assertEquals(204, Http.delete(url, kc.adminToken()).status());
        assertEquals(404, Http.get(url, kc.adminToken()).status());
        assertEquals(404, Http.delete(url, kc.adminToken()).status());
        assertEquals(404, Http.post(url + "/verify", kc.adminToken(), Map.of("method", "operator")).status());

        String operatorId = kc.realm("master").users().searchByUsername("admin", true).get(0).getId();
        List<AdminEventRepresentation> events = events(team);
        for (String[] expected : List.of(new String[] {"CREATE", ""}, new String[] {"ACTION", "/verify"}, new String[] {"DELETE", ""})) {
            AdminEventRepresentation event = events.stream()
                    .filter(e -> expected[0].equals(e.getOperationType())
                            && e.getResourcePath().equals("teams/" + team + "/domains/" + domain + expected[1]))
                    .findFirst().orElseThrow(() -> new AssertionError(expected[0] + " event missing: " + events.size()));
            assertEquals("PRESET_TEAM_DOMAIN", event.getResourceType());
            assertEquals(operatorId, event.getAuthDetails().getUserId(), "attributed to the operator");
            assertTrue(event.getRepresentation().contains(domain), event::getRepresentation);
        }
        assertEquals(3, events.stream().filter(e -> e.getResourcePath().contains("/" + domain)).count(),
                "claim, verify, delete; refused requests leave no event: " + events.size());
    }

    @Test
    void viewUsersMayReadButNotWrite() {
        String team = Scim.createTeam(kc, "dom");
        String domain = unique("ro") + ".test";
        claim(team, domain);
        String viewer = "viewer-" + unique("d");
        kc.createRealmAdmin(viewer, "Secret-123", "view-users");
        String token = kc.userToken(viewer, "Secret-123");

        assertEquals(200, Http.get(domains(team), token).status());
        assertEquals(200, Http.get(domains(team) + "/" + domain, token).status());
        assertEquals(403, Http.post(domains(team), token, Map.of("domain", unique("ro2") + ".test")).status());
        assertEquals(403, Http.post(domains(team) + "/" + domain + "/verify", token, Map.of("method", "operator")).status());
        assertEquals(403, Http.delete(domains(team) + "/" + domain, token).status());
        JsonNode after = Http.get(domains(team), kc.adminToken()).requireJson();
        assertEquals(1, after.size(), after::toString);
        assertFalse(after.get(0).path("verified").asBoolean(), after::toString);
        assertEquals(401, Http.get(domains(team), null).status());
    }

    @Test
    void unknownTeamIs404() {
        String team = "no-such-team-" + unique("x");
        assertEquals(404, Http.get(domains(team), kc.adminToken()).status());
        assertEquals(404, Http.post(domains(team), kc.adminToken(), Map.of("domain", "x.test")).status());
        assertEquals(404, Http.post(domains(team) + "/x.test/verify", kc.adminToken(), Map.of("method", "operator")).status());
        assertEquals(404, Http.delete(domains(team) + "/x.test", kc.adminToken()).status());
    }

    // --- helpers

    private static String domains(String team) {
        return kc.baseUrl() + "/admin/realms/preset/teams/" + team + "/domains";
    }

    private static JsonNode claim(String team, String domain) {
        Http.Response r = Http.post(domains(team), kc.adminToken(), Map.of("domain", domain));
        assertEquals(201, r.status(), r::toString);
        return r.requireJson();
    }

    private static JsonNode ok(Http.Response r) {
        assertEquals(200, r.status(), r::toString);
        return r.requireJson();
    }

    private static void assertRefused(Http.Response r, String detail) {
        assertEquals(400, r.status(), r::toString);
        assertTrue(r.requireJson().path("errorMessage").asText().contains(detail), () -> "expected '" + detail + "': " + r);
    }

    private static List<AdminEventRepresentation> events(String team) {
        return kc.realm("preset").getAdminEvents(null, null, null, null, null, "teams/" + team + "/domains/*",
                null, null, 0, 1000);
    }

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }
}
