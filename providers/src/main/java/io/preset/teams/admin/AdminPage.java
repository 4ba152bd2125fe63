package io.preset.teams.admin;

import io.preset.teams.common.DomainException;

/** The {@code first} and {@code max} query parameters of a paged admin listing; out of range is a 400. */
record AdminPage(int first, int max) {

    static final int DEFAULT_MAX = 100;
    static final int MAX = 1000;

    static AdminPage of(String first, String max) {
        return of(first, max, DEFAULT_MAX, MAX);
    }

    /** With another default and bound of {@code max}, e.g. for exports. */
    static AdminPage of(String first, String max, int defaultMax, int maxMax) {
        return new AdminPage(intParam("first", first, 0, 0, Integer.MAX_VALUE), intParam("max", max, defaultMax, 1, maxMax));
    }

    private static int intParam(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw DomainException.invalid("'" + name + "' must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw DomainException.invalid("'" + name + "' must be an integer");
        }
    }
}
