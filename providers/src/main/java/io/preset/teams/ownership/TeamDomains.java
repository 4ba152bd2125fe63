package io.preset.teams.ownership;

import io.preset.teams.common.DomainException;
import io.preset.teams.ownership.dns.TxtAnswer;
import io.preset.teams.team.TeamEntity;
import org.keycloak.models.KeycloakSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of domain claims, shared by every channel (admin API, SAML settings): which domains may be claimed,
 * how a claim is verified, and that a verified domain belongs to one team only. A claim covers exactly its domain,
 * not its subdomains.
 */
public class TeamDomains {

    public static final String TXT_PREFIX = "preset-domain-verification=";

    private final KeycloakSession session;
    private final EmailDomainStore store;

    public TeamDomains(KeycloakSession session, EmailDomainStore store) {
        this.session = session;
        this.store = store;
    }

    public static TeamDomains of(KeycloakSession session) {
        return new TeamDomains(session, new EmailDomainStore(session));
    }

    public EmailDomainEntity claim(TeamEntity team, String domain) {
        String d = claimable(domain);
        if (store.find(team, d).isPresent()) {
            throw DomainException.conflict("Team '" + team.getSlug() + "' already claims '" + d + "'");
        }
        if (store.ofTeam(team).size() >= EmailDomainStore.MAX_CLAIMS_PER_TEAM) {
            throw DomainException.invalid("A team may claim at most " + EmailDomainStore.MAX_CLAIMS_PER_TEAM + " domains");
        }
        return store.claim(team, d);
    }

    /** A domain in its normal form, if any team may claim it: a valid name that is not (under) a public mail domain. */
    public String claimable(String domain) {
        String d = EmailDomainStore.normalise(domain);
        PresetDomains.of(session).publicDomains().publicParent(d).ifPresent(p -> {
            throw DomainException.invalid(p.equals(d)
                    ? "'" + d + "' is a public mail domain; no team can claim it"
                    : "'" + d + "' is under the public mail domain '" + p + "'; no team can claim it");
        });
        return d;
    }

    /** {@link #claimable} of each, without duplicates, in the given order. */
    public List<String> claimable(List<String> domains) {
        Set<String> out = new LinkedHashSet<>();
        for (String d : domains) {
            out.add(claimable(d));
        }
        return List.copyOf(out);
    }

    /** Claims those of {@code domains} that the team does not claim yet; returns the new claims. */
    public List<EmailDomainEntity> claimMissing(TeamEntity team, List<String> domains) {
        List<EmailDomainEntity> created = new ArrayList<>();
        for (String d : claimable(domains)) {
            if (store.find(team, d).isEmpty()) {
                created.add(claim(team, d));
            }
        }
        return created;
    }

    public List<EmailDomainEntity> ofTeam(TeamEntity team) {
        return store.ofTeam(team);
    }

    public EmailDomainEntity require(TeamEntity team, String domain) {
        String d;
        try {
            d = EmailDomainStore.normalise(domain);
        } catch (DomainException e) {
            throw DomainException.notFound("Team '" + team.getSlug() + "' does not claim '" + domain + "'");
        }
        return store.find(team, d).orElseThrow(() ->
                DomainException.notFound("Team '" + team.getSlug() + "' does not claim '" + d + "'"));
    }

    public void verifyByOperator(EmailDomainEntity claim) {
        if (!claim.isVerified()) {
            store.markVerified(claim, EmailDomainEntity.BY_OPERATOR);
        }
    }

    /**
     * Looks the TXT record up and verifies the claim when one of the domain's TXT records is
     * {@code preset-domain-verification=<token>}. The outcome is kept in the claim's status fields either way; a
     * failed look-up changes nothing else. A domain another team verified is a conflict, before any look-up.
     */
    public void verifyByDns(EmailDomainEntity claim) {
        if (claim.isVerified()) {
            return;
        }
        store.requireNotVerifiedElsewhere(claim);
        TxtAnswer answer = PresetDomains.of(session).txtResolver().lookup(claim.getDomain());
        String expected = TXT_PREFIX + claim.getToken();
        claim.setLastCheckedAt(System.currentTimeMillis());
        if (answer instanceof TxtAnswer.Records records && records.values().stream().anyMatch(v -> v.strip().equals(expected))) {
            claim.setLastCheckError(null);
            store.markVerified(claim, EmailDomainEntity.BY_DNS);
        } else {
            claim.setLastCheckError(DnsCheckErrors.of(claim.getDomain(), expected, answer));
        }
    }

    public void remove(EmailDomainEntity claim) {
        store.remove(claim);
    }

    /**
     * A claim as people see it (admin API, team portal): domain, status, the DNS TXT record to publish, the last
     * check and why it did not verify. Times are ISO-8601 instants.
     */
    public static Map<String, Object> view(EmailDomainEntity claim) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("domain", claim.getDomain());
        rep.put("verified", claim.isVerified());
        rep.put("createdAt", Instant.ofEpochMilli(claim.getCreatedAt()).toString());
        if (claim.isVerified()) {
            rep.put("verifiedAt", Instant.ofEpochMilli(claim.getVerifiedAt()).toString());
            rep.put("verifiedBy", claim.getVerifiedBy());
        }
        rep.put("dnsRecord", Map.of("type", "TXT", "name", claim.getDomain(), "value", TXT_PREFIX + claim.getToken()));
        if (claim.getLastCheckedAt() != null) {
            rep.put("lastCheckedAt", Instant.ofEpochMilli(claim.getLastCheckedAt()).toString());
            if (claim.getLastCheckError() != null) {
                rep.put("lastCheckError", claim.getLastCheckError());
            }
        }
        return rep;
    }
}
