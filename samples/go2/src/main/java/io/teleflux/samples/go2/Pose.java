package io.teleflux.samples.go2;

/**
 * The robot's planar pose in the map frame.
 *
 * @param x   metres
 * @param y   metres
 * @param yaw radians, in (-π, π]
 */
public record Pose(double x, double y, double yaw) {

    /** The start pose: the origin, facing +x. */
    public static final Pose ORIGIN = new Pose(0, 0, 0);
}
