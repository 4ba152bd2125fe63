package io.preset.teams.ownership;

import io.preset.teams.common.DomainException;
import io.preset.teams.team.TeamEntity;
import org.keycloak.models.KeycloakSession;

/**
 * The rules of domain claims, shared by every channel (admin API, portal): which domains may be claimed,
 * how a claim is verified, and that a verified domain belongs to one team only.
 */
public class TeamDomains {

    public static final String TXT_PREFIX = "preset-domain-verification=";

    private final KeycloakSession session;
    private final EmailDomainStore store;

    public TeamDomains(KeycloakSession session, EmailDomainStore store) {
        this.session = session;
        this.store = store;
    }

    public EmailDomainEntity claim(TeamEntity team, String domain) {
        String d = EmailDomainStore.normalise(domain);
        if (PublicMailDomains.isPublic(session, d)) {
            throw DomainException.invalid("'" + d + "' is a public mail domain; no team can claim it");
        }
        if (store.find(team, d).isPresent()) {
            throw DomainException.conflict("Team '" + team.getSlug() + "' already claims '" + d + "'");
        }
        if (store.ofTeam(team).size() >= EmailDomainStore.MAX_CLAIMS_PER_TEAM) {
            throw DomainException.invalid("A team may claim at most " + EmailDomainStore.MAX_CLAIMS_PER_TEAM + " domains");
        }
        return store.claim(team, d);
    }

    public java.util.List<EmailDomainEntity> ofTeam(TeamEntity team) {
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

    /** Looks the TXT record up; the outcome of the look-up is kept for the claim's status either way. */
    public void verifyByDns(EmailDomainEntity claim) {
        if (claim.isVerified()) {
            return;
        }
        throw DomainException.invalid("DNS verification is not available yet; verify with {\"method\":\"operator\"}");
    }

    public void remove(EmailDomainEntity claim) {
        store.remove(claim);
    }
}
