package io.preset.teams.scim.log;

/**
 * Which section of {@code docs/troubleshooting.md} explains an answer: one anchor per kind of SCIM error (and one for
 * the success that is not what the provider thinks, a pending invitation). Keep in step with that document.
 */
public final class ErrorKinds {

    public static final String DOCS = "docs/troubleshooting.md";
    public static final String INVITATION_PENDING = "invitation-pending";
    /** Every kind {@link #of} or the trail can give; each is an anchor of {@value #DOCS}. */
    static final java.util.List<String> ALL = java.util.List.of("uniqueness", "conflict", INVITATION_PENDING, "invalid-filter",
            "invalid-value", "invalid-syntax", "invalid-path", "mutability", "too-many-results", "bad-request", "unauthorized",
            "forbidden", "not-found", "unsupported-request", "precondition-failed", "rate-limited", "too-many-concurrent",
            "server-busy", "server-error");

    private ErrorKinds() {
    }

    /** The kind of an answer, or null for a plain success. */
    static String of(int status, String scimType, String detail) {
        if (status < 400) {
            return null;
        }
        if (status == 400) {
            if (scimType == null) {
                return "bad-request";
            }
            return switch (scimType) {
                case "invalidFilter" -> "invalid-filter";
                case "invalidValue" -> "invalid-value";
                case "invalidSyntax" -> "invalid-syntax";
                case "invalidPath", "noTarget" -> "invalid-path";
                case "mutability" -> "mutability";
                case "tooMany" -> "too-many-results";
                default -> "bad-request";
            };
        }
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405, 406, 413, 415 -> "unsupported-request";
            case 409 -> "uniqueness".equals(scimType) ? "uniqueness" : "conflict";
            case 412 -> "precondition-failed";
            case 429 -> detail != null && detail.startsWith("Too many concurrent") ? "too-many-concurrent" : "rate-limited";
            case 503 -> "server-busy";
            default -> status >= 500 ? "server-error" : "bad-request";
        };
    }

    /** The link a log entry carries, e.g. {@code docs/troubleshooting.md#uniqueness}. */
    public static String help(String kind) {
        return kind == null ? null : DOCS + "#" + kind;
    }
}
