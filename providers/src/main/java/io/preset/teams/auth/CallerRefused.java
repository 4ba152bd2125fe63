package io.preset.teams.auth;

/**
 * A caller refused before any domain code runs: {@code 401} (no or bad credential) or {@code 403} (a credential of
 * another team, or of someone who is not the team's admin). Thrown by {@link ScimAuthenticator} (the SCIM endpoint
 * answers it as a SCIM Error; keeping the refusal here keeps {@code auth} free of the SCIM protocol classes) and by
 * the team portal's sign-in and permission checks (answered as the portal's error JSON).
 */
public final class CallerRefused extends RuntimeException {

    private final int status;

    private CallerRefused(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public static CallerRefused unauthorized(String detail) {
        return new CallerRefused(401, detail);
    }

    public static CallerRefused forbidden(String detail) {
        return new CallerRefused(403, detail);
    }

    /** 401 or 403. */
    public int status() {
        return status;
    }
}
