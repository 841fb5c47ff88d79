package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;

/**
 * LCM {@code geometry_msgs.Vector3}: a free vector, for example a linear or angular velocity.
 *
 * <p>{@link Point} has the same members and therefore the same fingerprint: on the wire the two cannot be told
 * apart, and either type's {@code matches} accepts the other's payloads.
 */
public record Vector3(double x, double y, double z) {

    /** The wire type, {@code geometry_msgs.Vector3} (fingerprint {@code 0xae7e5fba5eeca11e}). */
    public static final MessageType<Vector3> TYPE = new LcmMessageType<>(LcmSchemas.VECTOR3, Vector3.class,
            m -> Vector3.SIZE, (w, m) -> m.writeTo(w), Vector3::readFrom);

    /** (0, 0, 0). */
    public static final Vector3 ZERO = new Vector3(0, 0, 0);

    static final int SIZE = 24;

    void writeTo(LcmWriter w) {
        w.float64(x);
        w.float64(y);
        w.float64(z);
    }

    static Vector3 readFrom(LcmReader r) {
        return new Vector3(r.float64("x"), r.float64("y"), r.float64("z"));
    }
}
