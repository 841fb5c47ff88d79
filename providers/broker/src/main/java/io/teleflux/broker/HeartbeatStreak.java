package io.teleflux.broker;

/**
 * Counts consecutive heartbeat replies that mean "this session is gone" (401, 404). Any other outcome, success or
 * not, breaks the streak. Not thread-safe: the heartbeat loop is serial.
 */
final class HeartbeatStreak {

    /** Consecutive 401/404 replies after which the robot gives the session up. */
    static final int TERMINAL_STREAK = 5;

    private int streak;
    private boolean failing;

    /**
     * Records one heartbeat outcome.
     *
     * @param status the HTTP status, or 0 if no reply arrived
     * @return true when the session must end (the streak reached {@link #TERMINAL_STREAK})
     */
    boolean record(int status) {
        if (status == 401 || status == 404) {
            streak++;
        } else {
            streak = 0;
        }
        return streak >= TERMINAL_STREAK;
    }

    /**
     * Whether a failure should be logged: true for the first failure of a run of failures, false for the rest and for
     * successes (which end the run).
     */
    boolean firstFailure(boolean failed) {
        boolean first = failed && !failing;
        failing = failed;
        return first;
    }

    int streak() {
        return streak;
    }
}
