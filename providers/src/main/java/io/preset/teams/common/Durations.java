package io.preset.teams.common;

import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Reads the extension's duration options: {@code 30d}, {@code 12h}, {@code 15m}, {@code 90s} or plain seconds. */
public final class Durations {

    private static final Logger LOG = Logger.getLogger(Durations.class);

    private Durations() {
    }

    /** The value in milliseconds; {@code fallback} when empty, and (with a warning naming the option) when unreadable. */
    public static long millis(String name, String value, long fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        TimeUnit unit = switch (v.charAt(v.length() - 1)) {
            case 'd' -> TimeUnit.DAYS;
            case 'h' -> TimeUnit.HOURS;
            case 'm' -> TimeUnit.MINUTES;
            case 's' -> TimeUnit.SECONDS;
            default -> null;
        };
        try {
            long n = Long.parseLong(unit == null ? v : v.substring(0, v.length() - 1));
            if (n > 0) {
                return (unit == null ? TimeUnit.SECONDS : unit).toMillis(n);
            }
        } catch (NumberFormatException e) {
            // below
        }
        LOG.warnf("Ignoring %s: '%s' is not a duration such as 30d, 12h, 15m or 90s", name, value);
        return fallback;
    }
}
