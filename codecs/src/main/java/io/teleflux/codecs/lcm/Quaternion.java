package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;

/**
 * LCM {@code geometry_msgs.Quaternion}: an orientation as {@code (x, y, z, w)}. Not normalised by this class.
 */
public record Quaternion(double x, double y, double z, double w) {

    /** The wire type, {@code geometry_msgs.Quaternion}. */
    public static final MessageType<Quaternion> TYPE = new LcmMessageType<>(LcmSchemas.QUATERNION,
            Quaternion.class, m -> Quaternion.SIZE, (out, m) -> m.writeTo(out), Quaternion::readFrom);

    /** No rotation: (0, 0, 0, 1). */
    public static final Quaternion IDENTITY = new Quaternion(0, 0, 0, 1);

    static final int SIZE = 32;

    void writeTo(LcmWriter out) {
        out.float64(x);
        out.float64(y);
        out.float64(z);
        out.float64(w);
    }

    static Quaternion readFrom(LcmReader r) {
        return new Quaternion(r.float64("orientation.x"), r.float64("orientation.y"), r.float64("orientation.z"),
                r.float64("orientation.w"));
    }
}
