package io.teleflux;

/**
 * How one message type travels as bytes on a channel, and how it is recognised among the other types sharing that
 * channel.
 *
 * <p>Several types share one channel (TwistStamped, PoseStamped and Joy on {@code cmd_unreliable}; JSON control
 * messages on {@code state_reliable}). A typed subscriber sees only the payloads for which {@link #matches(byte[])}
 * is true; for LCM types that is a comparison of the 8-byte wire fingerprint, never a look at a class hierarchy.
 *
 * <p>Implementations MUST be immutable and thread-safe. {@link #matches(byte[])} MUST be cheap (it runs on the
 * transport's thread for every payload of the channel) and MUST NOT throw. {@link #decode(byte[])} MUST either return
 * a message or throw {@link MessageDecodingException}; it MUST NOT allocate from a length read from the payload
 * without checking it against the bytes actually present.
 *
 * @param <T> the Java type of the message
 */
public interface MessageType<T> {

    /** A stable, human-readable name, for example {@code geometry_msgs.TwistStamped}; used in errors and stats. */
    String name();

    /** The Java class of decoded messages. */
    Class<T> javaType();

    /** Whether a payload is of this type (a fingerprint or format check, not a full decode). Never throws. */
    boolean matches(byte[] payload);

    /**
     * Decodes one whole payload.
     *
     * @throws MessageDecodingException if the payload is not a well-formed message of this type
     */
    T decode(byte[] payload);

    /**
     * Encodes one message into a new array holding exactly the wire bytes.
     *
     * @throws MessageEncodingException if the message cannot be represented on the wire
     */
    byte[] encode(T message);
}
