package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;

/**
 * LCM {@code geometry_msgs.Point}: a position. Same layout and fingerprint as {@link Vector3}.
 */
public record Point(double x, double y, double z) {

    /** The wire type, {@code geometry_msgs.Point} (fingerprint {@code 0xae7e5fba5eeca11e}, as Vector3). */
    public static final MessageType<Point> TYPE = new LcmMessageType<>(LcmSchemas.POINT, Point.class,
            m -> Point.SIZE, (w, m) -> m.writeTo(w), Point::readFrom);

    /** (0, 0, 0). */
    public static final Point ORIGIN = new Point(0, 0, 0);

    static final int SIZE = 24;

    void writeTo(LcmWriter w) {
        w.float64(x);
        w.float64(y);
        w.float64(z);
    }

    static Point readFrom(LcmReader r) {
        return new Point(r.float64("position.x"), r.float64("position.y"), r.float64("position.z"));
    }
}
