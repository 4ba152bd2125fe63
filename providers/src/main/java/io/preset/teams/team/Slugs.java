package io.preset.teams.team;

import io.preset.teams.common.DomainException;

import java.util.regex.Pattern;

/** Validation of team slugs and workspace names (the same grammar for both). */
public final class Slugs {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    public static final int MAX_TITLE = 255;

    private Slugs() {
    }

    public static boolean isValid(String value) {
        return value != null && SLUG.matcher(value).matches();
    }

    public static String require(String what, String value) {
        if (!isValid(value)) {
            throw DomainException.invalid("Invalid " + what + " '" + value
                    + "': use 2 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        return value;
    }

    public static String requireTitle(String what, String title) {
        if (title == null || title.isBlank()) {
            throw DomainException.invalid(what + " title is required");
        }
        String trimmed = title.strip();
        if (trimmed.length() > MAX_TITLE) {
            throw DomainException.invalid(what + " title is longer than " + MAX_TITLE + " characters");
        }
        return trimmed;
    }
}
