package io.preset.teams.sso;

import java.util.List;

/**
 * A team's SAML identity provider as the admin API and the portal show it.
 *
 * @param singleLogoutServiceUrl where signing out of Preset signs out at the IdP too, or null when it has none
 * @param signingCertificates   the IdP's current signing certificates
 * @param previousCertificates  replaced certificates still accepted until {@code acceptedUntil}, or null
 * @param metadata              where the settings are refreshed from, or null when they were uploaded or typed
 * @param emailDomains          every domain the team claims, verified or not (as before domains were verified)
 * @param domains               the same with their state: only verified ones route to the IdP
 * @param spEntityId            audience of the assertions (Okta: "Audience URI (SP Entity ID)"; Entra: "Identifier")
 * @param acsUrl                Okta: "Single sign-on URL"; Entra: "Reply URL (Assertion Consumer Service URL)"
 * @param spMetadataUrl         Keycloak's SP metadata of this identity provider
 */
public record SamlView(String team, String alias, boolean enabled, String idpEntityId, String singleSignOnServiceUrl,
                       String singleLogoutServiceUrl,
                       List<String> signingCertificates, Previous previousCertificates, Metadata metadata,
                       String nameIdFormat, List<String> emailDomains, List<DomainState> domains, String spEntityId,
                       String acsUrl, String spMetadataUrl, String firstBrokerLoginFlow) {

    public record DomainState(String domain, boolean verified) {
    }

    public record Previous(List<String> certificates, long acceptedUntil) {
    }

    /**
     * @param updatedAt       when the URL last changed the settings (ms)
     * @param lastError       why the last refresh failed (the settings were kept), or null
     * @param refreshSeconds  how often it is fetched again
     */
    public record Metadata(String url, Long updatedAt, String lastError, Long lastErrorAt, long refreshSeconds) {
    }
}
