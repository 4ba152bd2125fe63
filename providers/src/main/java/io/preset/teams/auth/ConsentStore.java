package io.preset.teams.auth;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Keycloak's consent rows (local and federated users) of one client, read with set queries. */
final class ConsentStore {

    private final EntityManager em;

    ConsentStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Which of {@code userIds} consented to the client (pass at most ~1,000 ids). */
    List<String> consentingAmong(String clientId, Collection<String> userIds) {
        List<String> out = new ArrayList<>(em.createQuery("select c.user.id from UserConsentEntity c"
                        + " where c.clientId = :clientId and c.user.id in :ids", String.class)
                .setParameter("clientId", clientId).setParameter("ids", userIds).getResultList());
        out.addAll(em.createQuery("select c.userId from FederatedUserConsentEntity c"
                        + " where c.clientId = :clientId and c.userId in :ids", String.class)
                .setParameter("clientId", clientId).setParameter("ids", userIds).getResultList());
        return out;
    }

    /** Every user who consented to the client. */
    List<String> consenting(String clientId) {
        List<String> out = new ArrayList<>(em.createQuery(
                        "select c.user.id from UserConsentEntity c where c.clientId = :clientId", String.class)
                .setParameter("clientId", clientId).getResultList());
        out.addAll(em.createQuery("select c.userId from FederatedUserConsentEntity c where c.clientId = :clientId",
                        String.class)
                .setParameter("clientId", clientId).getResultList());
        return out;
    }
}
