package io.teleflux;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a session needs to know about one channel: its name (the data channel label on the wire), direction,
 * delivery guarantees, payload format, backpressure policy and maximum message size.
 *
 * <p>Immutable: each {@code with…} returns a copy, and bad values fail at once with the value in the message. The
 * four standard channels are in {@link Channels}; build others with {@link #of(String, Direction)}.
 */
public final class ChannelSpec {

    /** The default {@link #maxMessageSize()}: 256 KiB, the largest message libwebrtc peers accept. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 256 * 1024;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-/#]{1,64}");

    private final String name;
    private final Direction direction;
    private final Qos qos;
    private final PayloadFormat format;
    private final BackpressurePolicy backpressure;
    private final int maxMessageSize;

    private ChannelSpec(String name, Direction direction, Qos qos, PayloadFormat format,
                        BackpressurePolicy backpressure, int maxMessageSize) {
        this.name = name;
        this.direction = direction;
        this.qos = qos;
        this.format = format;
        this.backpressure = backpressure;
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * A channel with defaults: {@link Qos#reliable()}, {@link PayloadFormat#BYTES},
     * {@link BackpressurePolicy#buffer(int) BUFFER(1024)}, {@link #DEFAULT_MAX_MESSAGE_SIZE}.
     *
     * @param name 1 to 64 characters from {@code [A-Za-z0-9_.-/#]}
     */
    public static ChannelSpec of(String name, Direction direction) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("channel name must be 1-64 characters of [A-Za-z0-9_.-/#], was '"
                    + name + "'");
        }
        return new ChannelSpec(name, direction, Qos.reliable(), PayloadFormat.BYTES,
                BackpressurePolicy.buffer(1024), DEFAULT_MAX_MESSAGE_SIZE);
    }

    /** A copy with another delivery guarantee. */
    public ChannelSpec withQos(Qos qos) {
        return new ChannelSpec(name, direction, Objects.requireNonNull(qos, "qos"), format, backpressure,
                maxMessageSize);
    }

    /** A copy with another payload format. */
    public ChannelSpec withFormat(PayloadFormat format) {
        return new ChannelSpec(name, direction, qos, Objects.requireNonNull(format, "format"), backpressure,
                maxMessageSize);
    }

    /** A copy with another backpressure policy (applied to each subscriber of this channel). */
    public ChannelSpec withBackpressure(BackpressurePolicy backpressure) {
        return new ChannelSpec(name, direction, qos, format, Objects.requireNonNull(backpressure, "backpressure"),
                maxMessageSize);
    }

    /**
     * A copy with another maximum message size; a larger outbound payload ends its {@code send} with
     * {@link MessageTooLargeException} and never reaches the transport.
     *
     * @param bytes 1 to 2^30
     */
    public ChannelSpec withMaxMessageSize(int bytes) {
        if (bytes < 1 || bytes > (1 << 30)) {
            throw new IllegalArgumentException("maxMessageSize must be in [1, 1073741824], was " + bytes);
        }
        return new ChannelSpec(name, direction, qos, format, backpressure, bytes);
    }

    /** The channel's name, which is the data channel label on the wire. */
    public String name() {
        return name;
    }

    /** Which way payloads flow. */
    public Direction direction() {
        return direction;
    }

    /** Delivery guarantees. */
    public Qos qos() {
        return qos;
    }

    /** Payload encoding. */
    public PayloadFormat format() {
        return format;
    }

    /** The policy applied to each subscriber that falls behind. */
    public BackpressurePolicy backpressure() {
        return backpressure;
    }

    /** The largest payload, in bytes, that may be sent on this channel. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelSpec c && c.name.equals(name) && c.direction == direction && c.qos.equals(qos)
                && c.format == format && c.backpressure.equals(backpressure) && c.maxMessageSize == maxMessageSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, direction, qos, format, backpressure, maxMessageSize);
    }

    @Override
    public String toString() {
        return name + "[" + direction + ", " + qos + ", " + format + ", " + backpressure + ", max "
                + maxMessageSize + " B]";
    }
}
