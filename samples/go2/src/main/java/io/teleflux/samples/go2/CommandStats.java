package io.teleflux.samples.go2;

import io.teleflux.codecs.json.ControlMessage.RobotTelemetry.CmdStats;
import java.util.Arrays;
import java.util.Optional;

/**
 * Rolling statistics of the command link over the last second, for the {@code cmd} member of
 * {@code robot_telemetry}: arrival rate, median latency (robot time minus stamp) and median inter-arrival jitter.
 * Thread-safe.
 */
final class CommandStats {

    private static final int CAPACITY = 512;
    private static final double WINDOW_S = 1.0;

    private final double[] arrivals = new double[CAPACITY];
    private final double[] latencies = new double[CAPACITY];
    private int next;
    private int size;

    synchronized void record(double now, double stamp) {
        arrivals[next] = now;
        latencies[next] = now - stamp;
        next = (next + 1) % CAPACITY;
        size = Math.min(size + 1, CAPACITY);
    }

    /** The statistics at {@code now}; empty with fewer than two twists in the last second. */
    synchronized Optional<CmdStats> snapshot(double now) {
        int n = 0;
        double[] t = new double[size];
        double[] lat = new double[size];
        for (int i = 1; i <= size; i++) {              // newest first
            int k = Math.floorMod(next - i, CAPACITY);
            if (now - arrivals[k] > WINDOW_S) {
                break;
            }
            t[n] = arrivals[k];
            lat[n] = latencies[k];
            n++;
        }
        if (n < 2) {
            return Optional.empty();
        }
        double span = t[0] - t[n - 1];
        double rate = span > 0 ? (n - 1) / span : Double.NaN;
        double mean = span / (n - 1);
        double[] jitter = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            jitter[i] = Math.abs((t[i] - t[i + 1]) - mean);
        }
        return Optional.of(CmdStats.of(median(lat, n) * 1000, median(jitter, n - 1) * 1000, rate, Double.NaN));
    }

    private static double median(double[] values, int n) {
        double[] v = Arrays.copyOf(values, n);
        Arrays.sort(v);
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
