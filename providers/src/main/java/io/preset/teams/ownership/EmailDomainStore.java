package io.preset.teams.ownership;

import io.preset.teams.common.DomainException;
import io.preset.teams.team.TeamEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Teams' email-domain claims and who verified what, in Keycloak's database. */
public class EmailDomainStore {

    public static final int MAX_CLAIMS_PER_TEAM = 50;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;

    public EmailDomainStore(KeycloakSession session) {
        this(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    public EmailDomainStore(EntityManager em) {
        this.em = em;
    }

    /** The lower-cased domain of an email address (or email-like userName), or null when it has none. */
    public static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return null;
        }
        return address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A domain as a client typed it, validated and normalised (lower case, no trailing dot); 400 otherwise.
     * Only ASCII names are accepted: an internationalised domain must be given in its {@code xn--} form, so
     * that two spellings can never name one domain.
     */
    public static String normalise(String domain) {
        String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty() || d.length() > 253 || !d.contains(".")) {
            throw DomainException.invalid("'" + domain + "' is not a domain name (expected e.g. 'example.com')");
        }
        for (String label : d.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw DomainException.invalid("'" + domain + "' is not a domain name (labels are a-z, 0-9 and '-', "
                        + "an internationalised name in its xn-- form)");
            }
        }
        return d;
    }

    public List<EmailDomainEntity> ofTeam(TeamEntity team) {
        return em.createNamedQuery("presetDomain.ofTeam", EmailDomainEntity.class)
                .setParameter("teamId", team.getId()).getResultList();
    }

    public Optional<EmailDomainEntity> find(TeamEntity team, String domain) {
        return em.createNamedQuery("presetDomain.ofTeamByName", EmailDomainEntity.class)
                .setParameter("teamId", team.getId()).setParameter("domain", domain)
                .getResultStream().findFirst();
    }

    /** The verified domains of a team (what routes, links and creates accounts). */
    public Set<String> verifiedDomains(String teamId) {
        return Set.copyOf(em.createNamedQuery("presetDomain.verifiedOfTeam", String.class)
                .setParameter("teamId", teamId).getResultList());
    }

    /** The team that verified {@code domain}, if any. */
    public Optional<String> verifiedTeamId(String realmId, String domain) {
        if (domain == null) {
            return Optional.empty();
        }
        // "= :domain", not "in :domains": Hibernate translates a query with a list parameter again on every call
        return em.createNamedQuery("presetDomain.verifiedOne", String.class)
                .setParameter("realmId", realmId).setParameter("domain", domain).getResultStream().findFirst();
    }

    /** For each domain that some team verified: that team's id. One query, whatever the number of domains. */
    public Map<String, String> verifiedTeamIds(String realmId, Collection<String> domains) {
        Set<String> wanted = domains.stream().filter(d -> d != null && !d.isEmpty()).collect(Collectors.toSet());
        Map<String, String> byDomain = new HashMap<>();
        if (wanted.isEmpty()) {
            return byDomain;
        }
        for (EmailDomainEntity d : em.createNamedQuery("presetDomain.verified", EmailDomainEntity.class)
                .setParameter("realmId", realmId).setParameter("domains", wanted).getResultList()) {
            byDomain.put(d.getVerifiedDomain(), d.getTeamId());
        }
        return byDomain;
    }

    /** A new, unverified claim with a fresh DNS token. */
    public EmailDomainEntity claim(TeamEntity team, String domain) {
        EmailDomainEntity claim = new EmailDomainEntity();
        claim.setId(KeycloakModelUtils.generateId());
        claim.setRealmId(team.getRealmId());
        claim.setTeamId(team.getId());
        claim.setDomain(domain);
        claim.setToken(newToken());
        claim.setCreatedAt(System.currentTimeMillis());
        em.persist(claim);
        return claim;
    }

    /**
     * Marks a claim verified; a domain another team verified is a conflict. The unique key catches the race
     * of two teams verifying at once (the loser's transaction fails at flush).
     */
    public void markVerified(EmailDomainEntity claim, String by) {
        requireNotVerifiedElsewhere(claim);
        claim.setVerifiedDomain(claim.getDomain());
        claim.setVerifiedAt(System.currentTimeMillis());
        claim.setVerifiedBy(by);
        em.flush();
    }

    /** 409 when another team verified the claim's domain. */
    public void requireNotVerifiedElsewhere(EmailDomainEntity claim) {
        Optional<String> holder = verifiedTeamId(claim.getRealmId(), claim.getDomain());
        if (holder.isPresent() && !holder.get().equals(claim.getTeamId())) {
            throw DomainException.conflict("Domain '" + claim.getDomain() + "' is verified by another team");
        }
    }

    public void remove(EmailDomainEntity claim) {
        em.remove(claim);
    }

    public static void deleteAllOfRealm(EntityManager em, String realmId) {
        em.createNamedQuery("presetDomain.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }

    public static void deleteAllOfTeam(EntityManager em, String teamId) {
        em.createNamedQuery("presetDomain.deleteByTeam").setParameter("teamId", teamId).executeUpdate();
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The other fact ownership rests on: the team whose SCIM or identity provider created the account, kept with
     * the account's SCIM row (which {@code scim.user} writes; read here, where ownership is decided).
     */
    public String creatorTeamId(String userId) {
        return em.createQuery("select a.ownerTeamId from ScimAccountEntity a where a.userId = :id", String.class)
                .setParameter("id", userId).getResultStream().findFirst().orElse(null);
    }
}
