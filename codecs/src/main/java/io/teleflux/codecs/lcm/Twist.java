package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;
import java.util.Objects;

/**
 * LCM {@code geometry_msgs.Twist}: linear and angular velocity. A bare Twist is 56 bytes on the wire.
 *
 * <p>Operators send {@link TwistStamped}, not this type: a TwistStamped payload does not match {@link #TYPE}.
 *
 * @param linear  m/s; not null
 * @param angular rad/s; not null
 */
public record Twist(Vector3 linear, Vector3 angular) {

    /** The wire type, {@code geometry_msgs.Twist} (fingerprint {@code 0x2e7c07d7cdf7e027}). */
    public static final MessageType<Twist> TYPE = new LcmMessageType<>(LcmSchemas.TWIST, Twist.class,
            m -> Twist.SIZE, (w, m) -> m.writeTo(w), Twist::readFrom);

    /** Standing still. */
    public static final Twist ZERO = new Twist(Vector3.ZERO, Vector3.ZERO);

    static final int SIZE = 2 * Vector3.SIZE;

    /**
     * @throws NullPointerException if a component is null
     */
    public Twist {
        Objects.requireNonNull(linear, "linear");
        Objects.requireNonNull(angular, "angular");
    }

    void writeTo(LcmWriter w) {
        linear.writeTo(w);
        angular.writeTo(w);
    }

    static Twist readFrom(LcmReader r) {
        return new Twist(Vector3.readFrom(r), Vector3.readFrom(r));
    }
}
