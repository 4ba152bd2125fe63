package io.preset.teams.portal;

import io.preset.teams.common.DomainException;

/** The portal API's query parameters. */
final class PortalParams {

    private PortalParams() {
    }

    /** An integer from {@code min} to {@code max}; {@code fallback} when absent; a 400 otherwise. */
    static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw DomainException.invalid("'" + name + "' must be an integer from " + min + " to " + max);
    }
}
