package io.preset.teams.forward;

/** Retry delays: base * 2^(attempts-1), capped, then jittered to between half and all of it. */
public final class Backoff {

    private Backoff() {
    }

    /**
     * @param attempts the number of failed attempts so far (1 after the first failure)
     * @param random   a number in [0, 1) for the jitter
     */
    public static long delayMs(int attempts, long baseMs, long maxMs, double random) {
        int exponent = Math.max(0, attempts - 1);
        long capped = exponent >= 62 || baseMs > (maxMs >> Math.min(exponent, 62)) ? maxMs : Math.min(maxMs, baseMs << exponent);
        long half = capped / 2;
        return half + Math.round((capped - half) * random);
    }
}
