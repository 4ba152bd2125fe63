package io.preset.teams.sso;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The signing certificates a team's identity provider accepts: the current ones (from the last metadata or
 * settings) and, for a window after they were replaced, the previous ones. An IdP that switches to a new key
 * (Okta's certificate rollover, Entra's renewal) keeps signing in users whose assertions are still signed with
 * the old key, or the new one before the settings caught up. Pure: the caller stores the result.
 *
 * @param current         what the IdP publishes now
 * @param previous        replaced certificates still accepted, none once the window passed
 * @param previousUntil   end of the window (ms), or 0 when there are no previous certificates
 */
public record CertificateRollover(List<String> current, List<String> previous, long previousUntil) {

    public static final CertificateRollover NONE = new CertificateRollover(List.of(), List.of(), 0);

    public CertificateRollover {
        current = List.copyOf(current);
        previous = List.copyOf(previous);
    }

    /** New current certificates: the replaced ones (and still-valid previous ones) stay accepted for {@code windowMs}. */
    public CertificateRollover replace(List<String> next, long now, long windowMs) {
        CertificateRollover live = expire(now);
        Set<String> kept = new LinkedHashSet<>(live.current);
        kept.addAll(live.previous);
        kept.removeAll(next);
        if (kept.isEmpty() || windowMs <= 0) {
            return new CertificateRollover(next, List.of(), 0);
        }
        boolean replacedNow = !new LinkedHashSet<>(next).containsAll(live.current);
        long until = replacedNow ? now + windowMs : live.previousUntil;
        return new CertificateRollover(next, new ArrayList<>(kept), until);
    }

    /** Without the previous certificates once their window is over. */
    public CertificateRollover expire(long now) {
        return previous.isEmpty() || previousUntil > now ? this : new CertificateRollover(current, List.of(), 0);
    }

    /** Stops accepting the previous certificates at once (one leaked, say). */
    public CertificateRollover dropPrevious() {
        return new CertificateRollover(current, List.of(), 0);
    }

    /** Every certificate Keycloak must accept, current first. */
    public List<String> accepted() {
        Set<String> all = new LinkedHashSet<>(current);
        all.addAll(previous);
        return List.copyOf(all);
    }
}
