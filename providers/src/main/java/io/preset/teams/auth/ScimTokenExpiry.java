package io.preset.teams.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.common.DomainException;
import io.preset.teams.common.JsonBody;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;

/**
 * When a new SCIM token expires, from a request body: {@code expiresAt} (ISO-8601 instant or epoch
 * milliseconds) or {@code expiresInDays}; neither means no expiry. One rule and one set of messages for
 * every surface that mints tokens (admin API, team portal).
 */
public final class ScimTokenExpiry {

    public static final int MAX_DAYS = 3650;

    private ScimTokenExpiry() {
    }

    /** Epoch milliseconds, or null for a token that does not expire. */
    public static Long of(JsonBody json) {
        JsonNode at = json.value("expiresAt");
        JsonNode days = json.value("expiresInDays");
        if (at != null && days != null) {
            throw DomainException.invalid("Give 'expiresAt' or 'expiresInDays', not both");
        }
        long now = System.currentTimeMillis();
        long latest = now + TimeUnit.DAYS.toMillis(MAX_DAYS);
        if (days != null) {
            if (!days.isIntegralNumber() || days.asLong() < 1 || days.asLong() > MAX_DAYS) {
                throw DomainException.invalid("'expiresInDays' must be a whole number from 1 to " + MAX_DAYS);
            }
            return now + TimeUnit.DAYS.toMillis(days.asLong());
        }
        if (at == null) {
            return null;
        }
        long millis;
        if (at.isIntegralNumber()) {
            millis = at.asLong();
        } else if (at.isTextual()) {
            try {
                millis = Instant.parse(at.textValue()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw DomainException.invalid("'expiresAt' must be an ISO-8601 instant such as 2030-01-31T00:00:00Z"
                        + " or epoch milliseconds");
            }
        } else {
            throw DomainException.invalid("'expiresAt' must be an ISO-8601 instant string or epoch milliseconds");
        }
        if (millis <= now) {
            throw DomainException.invalid("'expiresAt' must be in the future");
        }
        if (millis > latest) {
            throw DomainException.invalid("'expiresAt' must be within " + MAX_DAYS + " days");
        }
        return millis;
    }
}
