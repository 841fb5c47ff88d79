package io.teleflux.store;

import java.time.Instant;
import java.util.Objects;

/**
 * How {@link Store#replay(ReplayOptions, StoreStream[])} paces rows. Immutable; each {@code with…} returns a copy.
 *
 * <p>Each row is emitted at {@code start + (timestamp − base) / speed} on the replay's clock (Reactor's parallel
 * scheduler, so {@code StepVerifier.withVirtualTime} controls it), where {@code start} is the subscription time and
 * {@code base} is {@link #from()} or, when unset, the earliest timestamp of the replayed streams. Every stream of one
 * replay shares this clock.
 *
 * @param speed the time factor, {@code > 0} and at most 1000: 2.0 plays twice as fast; default 1.0
 * @param from the first timestamp to play, inclusive; default {@link Instant#MIN} (from the beginning)
 * @param loop whether to start again (re-anchored) after the last row; default {@code false}
 */
public record ReplayOptions(double speed, Instant from, boolean loop) {

    /** Real time, from the beginning, once. */
    public static final ReplayOptions DEFAULTS = new ReplayOptions(1.0, Instant.MIN, false);

    /** Validates every component. */
    public ReplayOptions {
        Objects.requireNonNull(from, "from");
        if (!(speed > 0 && speed <= 1000)) {
            throw new IllegalArgumentException("speed must be in (0, 1000], was " + speed);
        }
    }

    /** A copy playing at {@code speed} times real time. */
    public ReplayOptions withSpeed(double speed) {
        return new ReplayOptions(speed, from, loop);
    }

    /** A copy starting at {@code from}. */
    public ReplayOptions withFrom(Instant from) {
        return new ReplayOptions(speed, from, loop);
    }

    /** A copy that loops (or not). */
    public ReplayOptions withLoop(boolean loop) {
        return new ReplayOptions(speed, from, loop);
    }
}
