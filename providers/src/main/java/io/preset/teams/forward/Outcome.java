package io.preset.teams.forward;

/** What to do with an outbox row after one attempt. */
public enum Outcome {
    SENT, RETRY, DEAD;

    /**
     * 2xx is done, and so is a DELETE of something already gone (404). Timeouts, throttling and
     * server errors are worth another attempt; any other 4xx will not get better by repeating it.
     */
    public static Outcome of(String method, int status) {
        if (status >= 200 && status < 300) {
            return SENT;
        }
        if (status == 404 && "DELETE".equals(method)) {
            return SENT;
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return RETRY;
        }
        return DEAD;
    }

    /** A retry becomes dead once the attempts are used up. */
    public Outcome afterAttempts(int attempts, int maxAttempts) {
        return this == RETRY && attempts >= maxAttempts ? DEAD : this;
    }

    /**
     * A target that cannot be reached or does not answer in time (refused connection, timeout) is an
     * outage, not a verdict on the call: such a row keeps waiting, with the capped backoff, however long
     * the outage lasts, so that nothing piles up in the dead letters for an operator to re-drive.
     * Only answers (5xx, 429, ...) use up the attempts.
     */
    public static Outcome unreachable() {
        return RETRY;
    }
}
