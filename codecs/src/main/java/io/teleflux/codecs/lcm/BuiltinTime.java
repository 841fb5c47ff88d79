package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;

/**
 * LCM {@code builtin_interfaces.Time} (ROS 2 style): seconds and nanoseconds, as the {@code timestamp} of a
 * {@link CompressedVideo}. Same layout as {@link StdTime} but a different member name, hence a different fingerprint.
 *
 * @param sec     seconds, usually since the Unix epoch
 * @param nanosec nanoseconds within the second
 */
public record BuiltinTime(int sec, int nanosec) {

    /** The wire type, {@code builtin_interfaces.Time}. */
    public static final MessageType<BuiltinTime> TYPE = new LcmMessageType<>(LcmSchemas.BUILTIN_TIME,
            BuiltinTime.class, m -> BuiltinTime.SIZE, (w, m) -> m.writeTo(w), BuiltinTime::readFrom);

    /** Time zero. */
    public static final BuiltinTime ZERO = new BuiltinTime(0, 0);

    static final int SIZE = 8;

    /** Splits fractional seconds, truncating toward zero (as {@link StdTime#ofSeconds(double)}). */
    public static BuiltinTime ofSeconds(double seconds) {
        int sec = (int) seconds;
        return new BuiltinTime(sec, (int) ((seconds - sec) * 1e9));
    }

    /** {@code sec + nanosec / 1e9}. */
    public double toSeconds() {
        return sec + nanosec / 1e9;
    }

    void writeTo(LcmWriter w) {
        w.int32(sec);
        w.int32(nanosec);
    }

    static BuiltinTime readFrom(LcmReader r) {
        return new BuiltinTime(r.int32("timestamp.sec"), r.int32("timestamp.nanosec"));
    }
}
