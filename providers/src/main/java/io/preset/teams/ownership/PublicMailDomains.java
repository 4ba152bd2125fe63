package io.preset.teams.ownership;

import org.keycloak.models.KeycloakSession;

import java.util.Set;

/** Mail domains that many unrelated people share: no team can ever claim one. */
public final class PublicMailDomains {

    static final Set<String> SHIPPED = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com",
            "yahoo.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de",
            "mail.com", "yandex.com", "zoho.com");

    private PublicMailDomains() {
    }

    public static boolean isPublic(KeycloakSession session, String domain) {
        return SHIPPED.contains(domain);
    }
}
