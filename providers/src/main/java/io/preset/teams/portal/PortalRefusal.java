package io.preset.teams.portal;

/** A portal request refused before any domain code runs: no valid portal sign-in (401) or not the caller's team (403). */
final class PortalRefusal extends RuntimeException {

    private final int status;

    private PortalRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    static PortalRefusal unauthorized(String message) {
        return new PortalRefusal(401, message);
    }

    static PortalRefusal forbidden(String message) {
        return new PortalRefusal(403, message);
    }

    int status() {
        return status;
    }
}
