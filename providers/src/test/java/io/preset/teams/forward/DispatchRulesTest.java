package io.preset.teams.forward;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DispatchRulesTest {

    @Test
    void backoffDoublesFromTheBaseUpToTheCapWithJitterOfAtMostHalf() {
        assertEquals(1000, Backoff.delayMs(1, 1000, 300_000, 0.999999999));
        assertEquals(500, Backoff.delayMs(1, 1000, 300_000, 0.0));
        assertEquals(2000, Backoff.delayMs(2, 1000, 300_000, 0.999999999));
        assertEquals(8000, Backoff.delayMs(4, 1000, 300_000, 0.999999999));
        assertEquals(300_000, Backoff.delayMs(10, 1000, 300_000, 0.999999999));
        assertEquals(150_000, Backoff.delayMs(10, 1000, 300_000, 0.0));
        // no overflow however many attempts
        assertEquals(300_000, Backoff.delayMs(500, 1000, 300_000, 0.999999999));
        assertEquals(1000, Backoff.delayMs(63, 200, 1000, 0.999999999));
        for (int attempts = 1; attempts < 20; attempts++) {
            long delay = Backoff.delayMs(attempts, 200, 1000, Math.random());
            assertTrue(delay >= 100 && delay <= 1000, attempts + " -> " + delay);
        }
    }

    @Test
    void successAndAGoneDeleteAreSent() {
        assertEquals(Outcome.SENT, Outcome.of("PATCH", 200));
        assertEquals(Outcome.SENT, Outcome.of("PUT", 204));
        assertEquals(Outcome.SENT, Outcome.of("DELETE", 404));
        assertEquals(Outcome.DEAD, Outcome.of("PATCH", 404));
        assertEquals(Outcome.DEAD, Outcome.of("PUT", 404));
    }

    @Test
    void transientFailuresAreRetriedOthersAreDeadAtOnce() {
        for (int status : new int[]{408, 425, 429, 500, 502, 503, 504}) {
            assertEquals(Outcome.RETRY, Outcome.of("PUT", status), "HTTP " + status);
        }
        for (int status : new int[]{300, 302, 400, 401, 403, 409, 410, 422}) {
            assertEquals(Outcome.DEAD, Outcome.of("PUT", status), "HTTP " + status);
        }
    }

    @Test
    void aRetryIsDeadOnceTheAttemptsAreUsedUp() {
        assertEquals(Outcome.RETRY, Outcome.RETRY.afterAttempts(3, 4));
        assertEquals(Outcome.DEAD, Outcome.RETRY.afterAttempts(4, 4));
        assertEquals(Outcome.SENT, Outcome.SENT.afterAttempts(4, 4));
        // an unreachable target is waited for, never a dead letter
        assertEquals(Outcome.RETRY, Outcome.unreachable());
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        ForwardSettings.DEFAULTS.validate();
        new ForwardSettings(200, 200, 1000, 4, 1500, 5000).validate(); // the integration tests' settings
        assertThrows(IllegalArgumentException.class, () -> new ForwardSettings(200, 200, 100, 4, 1500, 5000).validate());
        assertThrows(IllegalArgumentException.class, () -> new ForwardSettings(200, 200, 1000, 0, 1500, 5000).validate());
        assertThrows(IllegalArgumentException.class, () -> new ForwardSettings(200, 200, 1000, 4, 1500, 2000).validate());
        assertThrows(IllegalArgumentException.class, () -> new ForwardSettings(0, 200, 1000, 4, 1500, 5000).validate());
    }
}
