package io.teleflux.broker;

/**
 * NTP-style offset of the robot's clock from the operator's, from ping/pong samples, as the hosted-teleop browser
 * client computes it:
 * <ul>
 *   <li>{@code rtt = recv - client_ts}, accepted in [0, 5 s];</li>
 *   <li>{@code offset = ((robot_ts - client_ts) + (robot_ts - recv)) / 2};</li>
 *   <li>the sample with the smallest RTT wins, but the kept minimum's floor rises by 1 ms per second of age, so a
 *   stale best sample is eventually replaced when the path changes.</li>
 * </ul>
 * All times are Unix seconds. Not thread-safe; {@link RobotClock} serialises access.
 */
final class ClockSyncEstimator {

    /** Largest RTT accepted, seconds. */
    static final double MAX_RTT = 5.0;
    /** How fast the kept minimum's floor rises, seconds of RTT per second of age. */
    static final double FLOOR_DECAY = 0.001;

    private boolean synced;
    private double bestRtt;
    private double bestAt;
    private double offset;
    private long samples;

    /**
     * Feeds one pong.
     *
     * @param clientTs the ping's send time (operator clock), echoed by the robot
     * @param robotTs  the robot's clock when it answered
     * @param recv     the operator clock when the pong arrived
     * @return true if the sample became the new best one
     */
    boolean onPong(double clientTs, double robotTs, double recv) {
        double rtt = recv - clientTs;
        if (!Double.isFinite(rtt) || !Double.isFinite(robotTs) || rtt < 0 || rtt > MAX_RTT) {
            return false;
        }
        samples++;
        double floor = synced ? bestRtt + Math.max(0, recv - bestAt) * FLOOR_DECAY : Double.POSITIVE_INFINITY;
        if (rtt > floor) {
            return false;
        }
        synced = true;
        bestRtt = rtt;
        bestAt = recv;
        offset = ((robotTs - clientTs) + (robotTs - recv)) / 2;
        return true;
    }

    /** Whether at least one sample was accepted. */
    boolean synced() {
        return synced;
    }

    /** Robot clock minus operator clock, seconds, from the best sample; 0 before the first. */
    double offset() {
        return offset;
    }

    /** RTT of the best sample, seconds; NaN before the first. */
    double rtt() {
        return synced ? bestRtt : Double.NaN;
    }

    /** Samples accepted into the RTT range so far. */
    long samples() {
        return samples;
    }
}
