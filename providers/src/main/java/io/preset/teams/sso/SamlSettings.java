package io.preset.teams.sso;

import io.preset.teams.common.DomainException;
import org.keycloak.broker.provider.IdentityProvider;
import org.keycloak.broker.provider.IdentityProviderFactory;
import org.keycloak.models.KeycloakSession;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a team's SAML identity provider needs from its IdP (Okta): the single sign-on URL, the IdP's
 * entity id and its signing certificates, read from Okta's IdP metadata XML or given one by one; the IdP's single
 * logout URL when its metadata has one (then signing out of Preset signs out at the IdP, and the IdP's own logout
 * ends the Keycloak session).
 * Everything is validated before anything is stored.
 */
public record SamlSettings(String singleSignOnServiceUrl, String idpEntityId, List<String> signingCertificates,
                           String nameIdFormat, String singleLogoutServiceUrl) {

    public static final String EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    static final int MAX_METADATA = 512 * 1024;

    /** Reads the IdP metadata XML through Keycloak's own SAML metadata parser (the admin console's "import"). */
    public static SamlSettings fromMetadata(KeycloakSession session, String xml) {
        if (xml == null || xml.isBlank()) {
            throw DomainException.invalid("'metadata' must be the IdP metadata XML");
        }
        if (xml.length() > MAX_METADATA) {
            throw DomainException.invalid("'metadata' is larger than " + MAX_METADATA + " characters");
        }
        if (!xml.strip().startsWith("<")) {
            throw DomainException.invalid("'metadata' is not XML: expected an md:EntityDescriptor document");
        }
        IdentityProviderFactory<?> factory = (IdentityProviderFactory<?>)
                session.getKeycloakSessionFactory().getProviderFactory(IdentityProvider.class, "saml");
        Map<String, String> parsed;
        try {
            parsed = factory.parseConfig(session, xml);
        } catch (RuntimeException e) {
            throw DomainException.invalid("'metadata' is not valid SAML 2.0 IdP metadata: " + rootMessage(e));
        }
        if (parsed == null || parsed.get("singleSignOnServiceUrl") == null) {
            throw DomainException.invalid("'metadata' has no IDPSSODescriptor with a SingleSignOnService "
                    + "(HTTP-POST or HTTP-Redirect binding)");
        }
        String certificates = parsed.get("signingCertificate");
        if (certificates == null || certificates.isBlank()) {
            throw DomainException.invalid("'metadata' has no signing certificate (KeyDescriptor use=\"signing\")");
        }
        List<String> certs = new ArrayList<>();
        for (String cert : certificates.split(",")) {
            certs.add(certificate("metadata signing certificate", cert));
        }
        String logout = parsed.get("singleLogoutServiceUrl");
        return new SamlSettings(url("metadata SingleSignOnService", parsed.get("singleSignOnServiceUrl")),
                entityId("metadata entityID", parsed.get("idpEntityId")), List.copyOf(certs), EMAIL_FORMAT,
                logout == null || logout.isBlank() ? null : url("metadata SingleLogoutService", logout));
    }

    public static SamlSettings fromFields(String ssoUrl, String idpEntityId, String certificate) {
        if (ssoUrl == null) {
            throw DomainException.invalid("Either 'metadata' or 'singleSignOnServiceUrl', 'idpEntityId' and "
                    + "'signingCertificate' are required");
        }
        if (idpEntityId == null) {
            throw DomainException.invalid("'idpEntityId' is required with 'singleSignOnServiceUrl'");
        }
        if (certificate == null) {
            throw DomainException.invalid("'signingCertificate' is required with 'singleSignOnServiceUrl'");
        }
        return new SamlSettings(url("singleSignOnServiceUrl", ssoUrl), entityId("idpEntityId", idpEntityId),
                List.of(certificate("signingCertificate", certificate)), EMAIL_FORMAT, null);
    }

    static String url(String field, String value) {
        String url = value == null ? "" : value.strip();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw DomainException.invalid("'" + field + "' must be an absolute https URL, got '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw DomainException.invalid("'" + field + "' is not a valid URL: " + e.getMessage());
        }
        return url;
    }

    public static String entityId(String field, String value) {
        String id = value == null ? "" : value.strip();
        if (id.isEmpty() || id.length() > 1024 || id.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw DomainException.invalid("'" + field + "' must be a non-empty URI without spaces");
        }
        return id;
    }

    /** Accepts PEM or bare base64 DER; returns the bare base64 Keycloak stores. */
    static String certificate(String field, String value) {
        String base64 = value == null ? "" : value
                .replace("-----BEGIN CERTIFICATE-----", "")
                .replace("-----END CERTIFICATE-----", "")
                .replaceAll("\\s+", "");
        if (base64.isEmpty()) {
            throw DomainException.invalid("'" + field + "' must be an X.509 certificate (PEM or base64)");
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            cert.getPublicKey();
        } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
            throw DomainException.invalid("'" + field + "' is not a valid X.509 certificate: " + rootMessage(e));
        }
        return base64;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
