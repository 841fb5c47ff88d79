package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;
import java.util.Objects;

/**
 * LCM {@code geometry_msgs.Pose}: a position and an orientation.
 *
 * @param position    not null
 * @param orientation not null
 */
public record Pose(Point position, Quaternion orientation) {

    /** The wire type, {@code geometry_msgs.Pose}. */
    public static final MessageType<Pose> TYPE = new LcmMessageType<>(LcmSchemas.POSE, Pose.class,
            m -> Pose.SIZE, (w, m) -> m.writeTo(w), Pose::readFrom);

    /** At the origin, not rotated. */
    public static final Pose IDENTITY = new Pose(Point.ORIGIN, Quaternion.IDENTITY);

    static final int SIZE = Point.SIZE + Quaternion.SIZE;

    /**
     * @throws NullPointerException if a component is null
     */
    public Pose {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(orientation, "orientation");
    }

    void writeTo(LcmWriter w) {
        position.writeTo(w);
        orientation.writeTo(w);
    }

    static Pose readFrom(LcmReader r) {
        return new Pose(Point.readFrom(r), Quaternion.readFrom(r));
    }
}
