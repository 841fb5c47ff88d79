package io.teleflux.samples.go2;

/**
 * What the robot did with operator input: every twist lands in exactly one of the first eight counters, every
 * command ({@code estop}, {@code sport_cmd}, {@code nav_goal}, ...) in one of the last three.
 *
 * @param moves          fresh motion commands forwarded to the body (clamped)
 * @param releases       release-edge zeros forwarded (the stop after motion)
 * @param idleZeros      zeros dropped while already stopped
 * @param stale          twists dropped as older than {@link Go2Options#staleAfter()}
 * @param future         twists dropped as stamped ahead of robot time
 * @param outOfOrder     twists dropped as not newer than the last accepted one
 * @param nonFinite      twists dropped for a NaN or infinite velocity or stamp
 * @param whileEstopped  twists dropped because the E-stop is latched
 * @param watchdogStops  stops issued because no fresh command arrived within {@link Go2Options#watchdog()}
 * @param acked          commands carried out and acked {@code ok:true}
 * @param refused        commands refused and acked {@code ok:false}
 * @param duplicates     commands whose nonce was seen before: re-acked, not carried out again
 */
public record GuardStats(long moves, long releases, long idleZeros, long stale, long future, long outOfOrder,
                         long nonFinite, long whileEstopped, long watchdogStops, long acked, long refused,
                         long duplicates) {

    /** All twists dropped, whatever the reason (idle zeros included). */
    public long dropped() {
        return idleZeros + stale + future + outOfOrder + nonFinite + whileEstopped;
    }
}
