package io.teleflux.bench.broker;

import java.util.Arrays;

/** A growable set of latency samples in nanoseconds, with nearest-rank percentiles. Thread-safe. */
final class Latencies {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized void addAll(Latencies other) {
        long[] copy = other.sorted();
        for (long v : copy) {
            add(v);
        }
    }

    synchronized int count() {
        return size;
    }

    /** The {@code p}-th percentile (nearest rank) in milliseconds; NaN when empty. */
    double percentileMillis(double p) {
        long[] sorted = sorted();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    double maxMillis() {
        return percentileMillis(100);
    }

    synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }
}
