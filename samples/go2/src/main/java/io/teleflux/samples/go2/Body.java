package io.teleflux.samples.go2;

import io.teleflux.codecs.lcm.Twist;

/**
 * The kinematic body: a planar base that holds the last commanded velocity (forward, lateral, yaw rate, in the body
 * frame) and integrates it exactly into a pose. Time is passed in (seconds), so the body follows whatever clock the
 * robot runs on. Thread-safe.
 */
final class Body {

    private double vx;
    private double vy;
    private double wz;
    private double x;
    private double y;
    private double yaw;
    private double t = Double.NaN;

    /** Integrates up to {@code now}, then holds {@code twist} (already clamped) from there on. */
    synchronized void drive(Twist twist, double now) {
        advance(now);
        vx = twist.linear().x();
        vy = twist.linear().y();
        wz = twist.angular().z();
    }

    /** The pose at {@code now}. */
    synchronized Pose pose(double now) {
        advance(now);
        return new Pose(x, y, yaw);
    }

    /** Whether the last command was a non-zero velocity. */
    synchronized boolean moving() {
        return vx != 0 || vy != 0 || wz != 0;
    }

    private void advance(double now) {
        if (Double.isNaN(t) || now <= t) {       // first call, or a reader with an older clock reading
            t = Double.isNaN(t) ? now : t;
            return;
        }
        double dt = now - t;
        t = now;
        double yaw1 = yaw + wz * dt;
        double s0 = Math.sin(yaw);
        double c0 = Math.cos(yaw);
        double s1 = Math.sin(yaw1);
        double c1 = Math.cos(yaw1);
        if (Math.abs(wz) < 1e-9) {        // straight line
            x += (vx * c0 - vy * s0) * dt;
            y += (vx * s0 + vy * c0) * dt;
        } else {                          // exact arc for a constant body-frame velocity
            x += (vx * (s1 - s0) + vy * (c1 - c0)) / wz;
            y += (vx * (c0 - c1) + vy * (s1 - s0)) / wz;
        }
        yaw = Math.atan2(s1, c1);
    }
}
