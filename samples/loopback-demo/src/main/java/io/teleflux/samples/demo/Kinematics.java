package io.teleflux.samples.demo;

/** A unicycle model: commanded forward speed and yaw rate integrated into a planar pose. Thread-safe. */
final class Kinematics {

    /** A planar pose: metres and radians. */
    record Pose(double x, double y, double yaw) {
    }

    private double v;
    private double w;
    private double x;
    private double y;
    private double yaw;
    private double lastT = Double.NaN;

    synchronized void command(double forward, double yawRate) {
        this.v = forward;
        this.w = yawRate;
    }

    /** Advances the pose to time {@code t} (seconds) under the last command and returns it. */
    synchronized Pose step(double t) {
        if (!Double.isNaN(lastT)) {
            double dt = t - lastT;
            x += v * Math.cos(yaw) * dt;
            y += v * Math.sin(yaw) * dt;
            yaw = Math.atan2(Math.sin(yaw + w * dt), Math.cos(yaw + w * dt));
        }
        lastT = t;
        return new Pose(x, y, yaw);
    }

    synchronized Pose pose() {
        return new Pose(x, y, yaw);
    }
}
