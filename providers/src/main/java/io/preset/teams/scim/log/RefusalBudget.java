package io.preset.teams.scim.log;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * How many log rows of cheap refusals (no valid credential, another team's credential, a 429, a request the guard
 * refused before authentication) this node writes per minute: per team, and for the whole node before the team is
 * even looked up. Without it anyone could make a team's log (and the database) write one row per garbage request,
 * and push the team's real entries out of its size limit. What goes over is counted
 * ({@code preset_scim_log_dropped_total}), not written.
 */
final class RefusalBudget {

    private static final long WINDOW_MS = TimeUnit.MINUTES.toMillis(1);

    private final ConcurrentMap<String, long[]> windows = new ConcurrentHashMap<>();
    private final long[] node = new long[2];

    /** Takes one from the node-wide budget ({@code perMinute} per minute). */
    boolean takeForNode(int perMinute) {
        return take(node, perMinute);
    }

    /** Takes one from the team's budget; the map holds one entry per team that was refused (bounded by the teams). */
    boolean takeForTeam(String teamId, int perMinute) {
        return take(windows.computeIfAbsent(teamId, k -> new long[2]), perMinute);
    }

    private static boolean take(long[] window, int perMinute) {
        if (perMinute <= 0) {
            return true;
        }
        long now = System.currentTimeMillis();
        synchronized (window) {
            if (now - window[0] >= WINDOW_MS) {
                window[0] = now;
                window[1] = 0;
            }
            if (window[1] >= perMinute) {
                return false;
            }
            window[1]++;
            return true;
        }
    }

}
