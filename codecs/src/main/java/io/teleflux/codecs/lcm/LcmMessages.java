package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;
import java.util.List;

/**
 * Every LCM message type of this package, for code that demultiplexes raw payloads by fingerprint.
 *
 * <p>Wire compatibility: each type encodes byte for byte as lcm-gen's generated code does (big-endian, 8-byte
 * fingerprint first, nested structs without fingerprint, strings as {@code int32 (length + 1)}, UTF-8 and NUL,
 * variable arrays sized by their length member). Fingerprints are computed from the {@code .lcm} definitions at
 * class initialisation, with lcm-gen's algorithm.
 *
 * <p>Decoding is strict: a wrong fingerprint, a truncated payload, a negative or oversized length, a string that is
 * not UTF-8 or lacks its NUL, or bytes after the struct each raise {@link io.teleflux.MessageDecodingException}.
 * Encoding raises {@link io.teleflux.MessageEncodingException} for a null message, a string with an unpaired
 * surrogate, or a message over 2 GiB. Records reject null components at construction ({@link NullPointerException}).
 */
public final class LcmMessages {

    private static final List<MessageType<?>> ALL = List.of(
            StdTime.TYPE, BuiltinTime.TYPE, Header.TYPE, Vector3.TYPE, Point.TYPE, Quaternion.TYPE, Pose.TYPE,
            PoseStamped.TYPE, Twist.TYPE, TwistStamped.TYPE, Image.TYPE, Joy.TYPE, CompressedVideo.TYPE);

    private LcmMessages() {
    }

    /** All types, in no meaningful order. {@link Vector3} and {@link Point} share a fingerprint. */
    public static List<MessageType<?>> all() {
        return ALL;
    }
}
