package io.preset.teams.scim.protocol;

/**
 * A SCIM error (RFC 7644 section 3.12): the HTTP status, the {@code scimType} where the RFC defines
 * one, and a detail for a human.
 */
public class ScimException extends RuntimeException {

    private final int status;
    private final String scimType;
    private long retryAfter;

    public ScimException(int status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }

    /** Seconds for a {@code Retry-After} header, or 0 for none. */
    public long retryAfter() {
        return retryAfter;
    }

    /** 429: the team's rate limit is reached; {@code Retry-After} says when to come back. */
    public static ScimException tooManyRequests(String detail, long retryAfterSeconds) {
        ScimException e = new ScimException(429, null, detail);
        e.retryAfter = retryAfterSeconds;
        return e;
    }

    /** 503: the server could not answer in time (a query ran into its timeout); {@code Retry-After} in seconds. */
    public static ScimException unavailable(String detail, long retryAfterSeconds) {
        ScimException e = new ScimException(503, null, detail);
        e.retryAfter = retryAfterSeconds;
        return e;
    }

    public static ScimException invalidFilter(String detail) {
        return new ScimException(400, "invalidFilter", detail);
    }

    public static ScimException invalidSyntax(String detail) {
        return new ScimException(400, "invalidSyntax", detail);
    }

    public static ScimException invalidValue(String detail) {
        return new ScimException(400, "invalidValue", detail);
    }

    public static ScimException invalidPath(String detail) {
        return new ScimException(400, "invalidPath", detail);
    }

    public static ScimException noTarget(String detail) {
        return new ScimException(400, "noTarget", detail);
    }

    public static ScimException mutability(String detail) {
        return new ScimException(400, "mutability", detail);
    }

    public static ScimException tooMany(String detail) {
        return new ScimException(400, "tooMany", detail);
    }

    public static ScimException uniqueness(String detail) {
        return new ScimException(409, "uniqueness", detail);
    }

    public static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }

    public static ScimException unauthorized(String detail) {
        return new ScimException(401, null, detail);
    }

    public static ScimException forbidden(String detail) {
        return new ScimException(403, null, detail);
    }

    /**
     * 500 for a failure of ours: the detail names only the correlation id under which the server log has
     * the stack trace, never the exception's text.
     */
    public static ScimException internal(String correlationId) {
        return new ScimException(500, null, "Internal server error; the server log has the details under correlation id "
                + correlationId);
    }

    public static ScimException preconditionFailed(String detail) {
        return new ScimException(412, null, detail);
    }
}
