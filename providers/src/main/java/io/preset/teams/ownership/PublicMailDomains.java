package io.preset.teams.ownership;

import io.preset.teams.common.DomainException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mail domains that many unrelated people share (gmail.com, outlook.com, ...): no team can ever claim one, nor a
 * subdomain of one (whoever controls {@code x.gmail.com} is the provider, not a customer). The shipped list is
 * {@value #RESOURCE} in the providers jar; the options of SPI {@code preset-domains} replace or extend it.
 */
public final class PublicMailDomains {

    public static final String RESOURCE = "public-mail-domains.txt";

    private final Set<String> domains;

    public PublicMailDomains(Set<String> domains) {
        this.domains = Set.copyOf(domains);
    }

    /** The list shipped in the jar. */
    public static Set<String> shipped() {
        try (InputStream in = PublicMailDomains.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the providers jar");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One domain per line, {@code #} comments and blank lines ignored; a line that is no domain is an error. */
    public static Set<String> parse(List<String> lines, String source) {
        Set<String> out = new HashSet<>();
        int number = 0;
        for (String line : lines) {
            number++;
            int hash = line.indexOf('#');
            String value = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!value.isEmpty()) {
                out.add(normalised(value, source + " line " + number));
            }
        }
        return out;
    }

    static String normalised(String value, String where) {
        try {
            return EmailDomainStore.normalise(value);
        } catch (DomainException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    public Set<String> domains() {
        return domains;
    }

    public boolean isPublic(String domain) {
        return publicParent(domain).isPresent();
    }

    /** The public domain that {@code domain} is or lies under, if any ({@code x.gmail.com} → {@code gmail.com}). */
    public Optional<String> publicParent(String domain) {
        String d = domain;
        while (d.indexOf('.') > 0) {
            if (domains.contains(d)) {
                return Optional.of(d);
            }
            d = d.substring(d.indexOf('.') + 1);
        }
        return Optional.empty();
    }
}
