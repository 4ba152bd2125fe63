package io.preset.teams.auth;

/**
 * A SCIM caller refused by {@link ScimAuthenticator}: {@code 401} (no or bad credential) or {@code 403} (a credential
 * of another team, or of someone who is not the team's admin). The SCIM endpoint answers it as a SCIM Error; keeping
 * the refusal here keeps {@code auth} free of the SCIM protocol classes.
 */
public final class CallerRefused extends RuntimeException {

    private final int status;

    private CallerRefused(int status, String detail) {
        super(detail);
        this.status = status;
    }

    static CallerRefused unauthorized(String detail) {
        return new CallerRefused(401, detail);
    }

    static CallerRefused forbidden(String detail) {
        return new CallerRefused(403, detail);
    }

    /** 401 or 403. */
    public int status() {
        return status;
    }
}
