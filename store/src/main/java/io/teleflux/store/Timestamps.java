package io.teleflux.store;

import java.time.Instant;

/** Timestamps are stored as nanoseconds since the epoch (years 1678 to 2261). */
final class Timestamps {

    private Timestamps() {
    }

    /** Exact nanoseconds; fails for instants outside the representable range. */
    static long toNanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp " + t + " is outside the storable range (1678 to 2261)", e);
        }
    }

    /** Nanoseconds, saturated at the ends of the range (for query bounds). */
    static long toNanosSaturated(Instant t) {
        if (t.getEpochSecond() >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (t.getEpochSecond() <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }
}
