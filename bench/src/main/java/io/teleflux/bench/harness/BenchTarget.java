package io.teleflux.bench.harness;

import java.time.Duration;

/** A provider under benchmark: how to connect a fresh robot/operator pair on it. */
interface BenchTarget extends AutoCloseable {

    /** The name in tables and plots. */
    String name();

    /** Connects a fresh robot/operator pair with {@code kind}'s two channels; blocks at most {@code timeout}. */
    BenchLink connect(ChannelKind kind, Duration timeout);

    /** Releases what the target holds across its links (the chromium target's browser); nothing by default. */
    @Override
    default void close() {
    }
}
