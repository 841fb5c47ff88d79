package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;

/**
 * LCM {@code std_msgs.Time}: seconds and nanoseconds, as the {@code stamp} of a {@link Header}. Both fields are
 * carried as they are; nothing checks that {@code nsec} is below one second.
 *
 * @param sec  seconds, usually since the Unix epoch (in the robot's clock for operator commands)
 * @param nsec nanoseconds within the second
 */
public record StdTime(int sec, int nsec) {

    /** The wire type, {@code std_msgs.Time} (fingerprint {@code 0xbc3a494751d96c91}). */
    public static final MessageType<StdTime> TYPE = new LcmMessageType<>(LcmSchemas.STD_TIME, StdTime.class,
            m -> StdTime.SIZE, (w, m) -> m.writeTo(w), StdTime::readFrom);

    /** Time zero. */
    public static final StdTime ZERO = new StdTime(0, 0);

    static final int SIZE = 8;

    /**
     * Splits fractional seconds the way DimOS does: {@code sec = (int) t}, {@code nsec = (int) (frac * 1e9)}
     * (both truncated toward zero).
     */
    public static StdTime ofSeconds(double seconds) {
        int sec = (int) seconds;
        return new StdTime(sec, (int) ((seconds - sec) * 1e9));
    }

    /** {@code sec + nsec / 1e9}, as DimOS decodes a stamp. */
    public double toSeconds() {
        return sec + nsec / 1e9;
    }

    void writeTo(LcmWriter w) {
        w.int32(sec);
        w.int32(nsec);
    }

    static StdTime readFrom(LcmReader r) {
        return new StdTime(r.int32("stamp.sec"), r.int32("stamp.nsec"));
    }
}
