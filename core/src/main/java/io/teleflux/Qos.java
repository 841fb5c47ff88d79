package io.teleflux;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Delivery guarantees of a channel, in the terms of a WebRTC data channel: ordering, and either a retransmit limit or
 * a packet lifetime (at most one of the two). With neither, the channel is reliable.
 *
 * <p>Immutable. Providers that cannot lose or reorder (the in-process loopback) satisfy every {@code Qos}.
 */
public final class Qos {

    private static final Qos RELIABLE = new Qos(true, -1, null);
    private static final Qos UNRELIABLE = new Qos(false, 0, null);

    private final boolean ordered;
    private final int maxRetransmits;          // -1: unset
    private final Duration maxPacketLifeTime;  // null: unset

    private Qos(boolean ordered, int maxRetransmits, Duration maxPacketLifeTime) {
        this.ordered = ordered;
        this.maxRetransmits = maxRetransmits;
        this.maxPacketLifeTime = maxPacketLifeTime;
    }

    /** Ordered and reliable: every message arrives, in order (state channels). */
    public static Qos reliable() {
        return RELIABLE;
    }

    /** Unordered, no retransmission: a lost packet is gone and the next one wins (command and map channels). */
    public static Qos unreliable() {
        return UNRELIABLE;
    }

    /**
     * Partially reliable with a retransmit limit.
     *
     * @param ordered        whether messages are delivered in order
     * @param maxRetransmits retransmissions per message, 0 to 65535
     */
    public static Qos maxRetransmits(boolean ordered, int maxRetransmits) {
        if (maxRetransmits < 0 || maxRetransmits > 65_535) {
            throw new IllegalArgumentException("maxRetransmits must be in [0, 65535], was " + maxRetransmits);
        }
        return new Qos(ordered, maxRetransmits, null);
    }

    /**
     * Partially reliable with a lifetime: a message not delivered within it is abandoned.
     *
     * @param ordered  whether messages are delivered in order
     * @param lifetime 0 to 65535 ms
     */
    public static Qos maxPacketLifeTime(boolean ordered, Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.toMillis() > 65_535) {
            throw new IllegalArgumentException("maxPacketLifeTime must be in [0, 65535] ms, was " + lifetime);
        }
        return new Qos(ordered, -1, lifetime);
    }

    /** Whether messages are delivered in the order they were sent. */
    public boolean ordered() {
        return ordered;
    }

    /** The retransmit limit, if this is a partially reliable channel limited by retransmits. */
    public OptionalInt maxRetransmits() {
        return maxRetransmits < 0 ? OptionalInt.empty() : OptionalInt.of(maxRetransmits);
    }

    /** The packet lifetime, if this is a partially reliable channel limited by time. */
    public Optional<Duration> maxPacketLifeTime() {
        return Optional.ofNullable(maxPacketLifeTime);
    }

    /** True when neither a retransmit limit nor a lifetime is set: every message is delivered. */
    public boolean isReliable() {
        return maxRetransmits < 0 && maxPacketLifeTime == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Qos q && q.ordered == ordered && q.maxRetransmits == maxRetransmits
                && Objects.equals(q.maxPacketLifeTime, maxPacketLifeTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ordered, maxRetransmits, maxPacketLifeTime);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(ordered ? "ordered" : "unordered");
        if (isReliable()) {
            s.append(" reliable");
        }
        if (maxRetransmits >= 0) {
            s.append(" maxRetransmits=").append(maxRetransmits);
        }
        if (maxPacketLifeTime != null) {
            s.append(" maxPacketLifeTime=").append(maxPacketLifeTime.toMillis()).append("ms");
        }
        return s.toString();
    }
}
