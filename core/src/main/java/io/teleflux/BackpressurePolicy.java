package io.teleflux;

/**
 * What happens when a subscriber cannot keep up with a channel. A transport cannot be slowed down by a subscriber
 * (the far end keeps sending), so every subscriber gets its own bounded queue between the transport and its demand,
 * and the policy decides what that queue does when it is full. The policies use Reactor's vocabulary and are
 * documented once, here, with the bullets Reactor's {@code Sinks} uses.
 *
 * <p>Common to all policies:
 * <ul>
 *   <li><b>Multicast:</b> each subscriber of a channel has its own queue and sees every payload that arrives while it
 *   is subscribed (a typed subscriber: every payload of its type).</li>
 *   <li><b>Without subscriber:</b> a payload that arrives while nobody is subscribed is dropped and counted in
 *   {@link ChannelStats#unrouted()}.</li>
 *   <li><b>Replay:</b> none; a late subscriber starts with the next payload.</li>
 *   <li><b>Bound:</b> {@link #capacity()} payloads per subscriber; nothing grows without bound.</li>
 *   <li><b>Counted:</b> every discarded payload is counted in {@link ChannelStats#droppedInbound()}.</li>
 * </ul>
 *
 * <p>Per policy, what is discarded when a subscriber's queue is full:
 * <ul>
 *   <li>{@link #LATEST}: latest wins. The queue holds one payload; a newer one replaces it. The right policy for
 *   commands and telemetry, where only the newest value matters.</li>
 *   <li>{@link #dropOldest(int) DROP_OLDEST(n)}: the oldest queued payload is discarded to admit the new one.</li>
 *   <li>{@link #dropLatest(int) DROP_LATEST(n)}: the arriving payload is discarded; the queue is kept.</li>
 *   <li>{@link #buffer(int) BUFFER(n)} with overflow ERROR: nothing is discarded silently; the subscriber's stream
 *   ends with {@link BackpressureOverflowException} (the overflowing payload is counted as dropped). The right policy
 *   for acknowledged commands, where a gap must be loud.</li>
 * </ul>
 *
 * <p>Immutable; compare with {@link #equals(Object)}.
 */
public final class BackpressurePolicy {

    /** The kinds of policy. */
    public enum Kind { LATEST, DROP_OLDEST, DROP_LATEST, BUFFER }

    /** Latest wins: a one-slot queue whose content is replaced by each newer payload. */
    public static final BackpressurePolicy LATEST = new BackpressurePolicy(Kind.LATEST, 1);

    private final Kind kind;
    private final int capacity;

    private BackpressurePolicy(Kind kind, int capacity) {
        this.kind = kind;
        this.capacity = capacity;
    }

    /** A queue of {@code capacity} payloads per subscriber; when full, the oldest queued payload is discarded. */
    public static BackpressurePolicy dropOldest(int capacity) {
        return new BackpressurePolicy(Kind.DROP_OLDEST, checkCapacity(capacity));
    }

    /** A queue of {@code capacity} payloads per subscriber; when full, the arriving payload is discarded. */
    public static BackpressurePolicy dropLatest(int capacity) {
        return new BackpressurePolicy(Kind.DROP_LATEST, checkCapacity(capacity));
    }

    /**
     * A queue of {@code capacity} payloads per subscriber; when full, the subscriber's stream errors with
     * {@link BackpressureOverflowException}.
     */
    public static BackpressurePolicy buffer(int capacity) {
        return new BackpressurePolicy(Kind.BUFFER, checkCapacity(capacity));
    }

    private static int checkCapacity(int capacity) {
        if (capacity < 1 || capacity > (1 << 24)) {
            throw new IllegalArgumentException("capacity must be in [1, 16777216], was " + capacity);
        }
        return capacity;
    }

    /** The kind of policy. */
    public Kind kind() {
        return kind;
    }

    /** How many payloads one subscriber's queue holds (1 for {@link #LATEST}). */
    public int capacity() {
        return capacity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackpressurePolicy p && p.kind == kind && p.capacity == capacity;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + capacity;
    }

    @Override
    public String toString() {
        return kind == Kind.LATEST ? "LATEST" : kind + "(" + capacity + ")";
    }
}
