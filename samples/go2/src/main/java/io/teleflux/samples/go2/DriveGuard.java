package io.teleflux.samples.go2;

import io.teleflux.codecs.lcm.Twist;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;

/**
 * The drive-command guard of DimOS's {@code Go2CommandModule}: decides, for each {@link TwistStamped} stamped in robot
 * time, whether it may move the robot. Not thread-safe: the controller calls it from one serialised stream.
 *
 * <p>Ordering uses {@code header.seq} (31 bits, wrapping). Senders that never number their twists (DimOS writes 0)
 * are ordered by stamp instead. After a pause longer than the staleness limit any fresh twist starts a new sequence,
 * so a reconnecting operator whose counter restarted is not locked out.
 */
final class DriveGuard {

    /** What the guard decided about one twist. */
    enum Verdict {
        /** A fresh non-zero command: forwarded, clamped. */
        MOVE,
        /** The first zero after motion (keys released): forwarded. */
        RELEASE,
        /** A zero while already stopped: dropped, it would only repeat the stop. */
        IDLE,
        /** Stamped more than {@code staleAfter} ago: dropped. */
        STALE,
        /** Stamped ahead of robot time by more than the tolerance: dropped. */
        FUTURE,
        /** Not newer than the last accepted twist: dropped. */
        OUT_OF_ORDER,
        /** A NaN or infinite velocity or stamp: dropped. */
        NON_FINITE
    }

    private static final int SEQ_MASK = 0x7fffffff;

    private final Go2Options options;
    private final double staleAfter;
    private final double futureTolerance;
    private boolean hasLast;
    private int lastSeq;
    private double lastStamp;
    private double lastAcceptedAt;
    private boolean moving;

    DriveGuard(Go2Options options) {
        this.options = options;
        this.staleAfter = options.staleAfter().toNanos() / 1e9;
        this.futureTolerance = options.futureTolerance().toNanos() / 1e9;
    }

    /** Judges {@code cmd} at robot time {@code now} (seconds) and remembers it if it is in order. */
    Verdict check(TwistStamped cmd, double now) {
        double stamp = cmd.header().stamp().toSeconds();
        if (!Double.isFinite(stamp) || !finite(cmd.twist())) {
            return Verdict.NON_FINITE;
        }
        double age = now - stamp;
        if (age > staleAfter) {
            return Verdict.STALE;
        }
        if (age < -futureTolerance) {
            return Verdict.FUTURE;
        }
        int seq = cmd.header().seq() & SEQ_MASK;
        if (!inOrder(seq, stamp, now)) {
            return Verdict.OUT_OF_ORDER;
        }
        hasLast = true;
        lastSeq = seq;
        lastStamp = stamp;
        lastAcceptedAt = now;
        if (isZero(cmd.twist())) {
            if (!moving) {
                return Verdict.IDLE;
            }
            moving = false;
            return Verdict.RELEASE;
        }
        moving = true;
        return Verdict.MOVE;
    }

    /** Forgets ordering and motion, for example when the operator is lost: the next operator starts afresh. */
    void reset() {
        hasLast = false;
        moving = false;
    }

    /** The twist a Go2 can execute: forward, lateral and yaw rate, each clamped to its limit. */
    Twist clamp(Twist t) {
        return new Twist(
                new Vector3(clamp(t.linear().x(), options.maxLinear()), clamp(t.linear().y(), options.maxLinear()), 0),
                new Vector3(0, 0, clamp(t.angular().z(), options.maxAngular())));
    }

    private boolean inOrder(int seq, double stamp, double now) {
        if (!hasLast || now - lastAcceptedAt > staleAfter) {
            return true;
        }
        if (seq == 0 && lastSeq == 0) {
            return stamp > lastStamp;
        }
        int ahead = (seq - lastSeq) & SEQ_MASK;
        return ahead != 0 && ahead < (1 << 30);
    }

    static boolean isZero(Twist t) {
        return t.linear().x() == 0 && t.linear().y() == 0 && t.angular().z() == 0;
    }

    private static boolean finite(Twist t) {
        return finite(t.linear()) && finite(t.angular());
    }

    private static boolean finite(Vector3 v) {
        return Double.isFinite(v.x()) && Double.isFinite(v.y()) && Double.isFinite(v.z());
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }
}
