package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;
import java.util.Objects;

/**
 * LCM {@code geometry_msgs.TwistStamped}: the drive command operators send on {@code cmd_unreliable} (80 Hz from
 * the browser, stamped in robot clock). With {@code frame_id="keyboard"} it is 81 bytes on the wire.
 *
 * <p>Its wire fingerprint is {@code 0x9cd2bcbe6cb2a7c0}, not Twist's {@code 0x2e7c07d7cdf7e027}, whatever a class
 * hierarchy on the sending side says; {@link #TYPE} matches on the former.
 *
 * @param header not null
 * @param twist  not null
 */
public record TwistStamped(Header header, Twist twist) {

    /** The wire type, {@code geometry_msgs.TwistStamped} (fingerprint {@code 0x9cd2bcbe6cb2a7c0}). */
    public static final MessageType<TwistStamped> TYPE = new LcmMessageType<>(LcmSchemas.TWIST_STAMPED,
            TwistStamped.class, m -> m.header.bodySize() + Twist.SIZE, TwistStamped::writeTo,
            TwistStamped::readFrom);

    /**
     * @throws NullPointerException if a component is null
     */
    public TwistStamped {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(twist, "twist");
    }

    /** A twist stamped {@code sec}/{@code nsec}, from {@code frameId}. */
    public static TwistStamped of(int seq, int sec, int nsec, String frameId, Vector3 linear, Vector3 angular) {
        return new TwistStamped(Header.of(seq, sec, nsec, frameId), new Twist(linear, angular));
    }

    private static void writeTo(LcmWriter w, TwistStamped m) {
        m.header.writeTo(w);
        m.twist.writeTo(w);
    }

    private static TwistStamped readFrom(LcmReader r) {
        return new TwistStamped(Header.readFrom(r), Twist.readFrom(r));
    }
}
