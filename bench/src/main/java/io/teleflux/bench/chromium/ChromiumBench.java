package io.teleflux.bench.chromium;

import io.teleflux.MessageTooLargeException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * Measures a {@link ChromiumLink} target with the harness's definitions (its {@code ThroughputRun} and
 * {@code PingPong}), so the chromium rows compare with the Java rows: per size a warm-up flood, a wait until nothing
 * more arrives for 200 ms (at most 5 s), the measured flood, the same wait; msgs/s = messages received during
 * and after the measured flood / its wall-clock seconds; delivered = received / sent. Ping-pong: 50 warm-up rounds,
 * then {@code rttRounds} 64-byte rounds of at most 500 ms each; percentiles by nearest rank. Each of the
 * {@code runs} connects a fresh pair of peer connections; every figure is the median over the runs.
 */
final class ChromiumBench {

    static final int RTT_WARM_UP_ROUNDS = 50;
    static final Duration PER_ROUND = Duration.ofMillis(500);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** Throughput at one size: medians over the runs. */
    record Throughput(String provider, String kind, int size, double msgsPerSecond, double megabytesPerSecond,
                      double deliveredRatio) {
    }

    /** Latency and setup for one kind: medians over the runs (lost pings summed). */
    record Latency(String provider, String kind, double rttP50, double rttP90, double rttP99, int lost,
                   double setupMillis) {
    }

    /** What to measure. */
    record Plan(List<Integer> sizes, List<Boolean> reliable, Duration warmUp, Duration duration, int runs,
                int rttRounds) {

        int steps() {
            return reliable.size() * runs * (sizes.size() + 1);
        }
    }

    /** A target: connects a fresh link of a channel kind (true: reliable). */
    interface Target {
        String name();

        ChromiumLink connect(boolean reliable, Duration timeout);
    }

    private final Consumer<String> progress;

    ChromiumBench(Consumer<String> progress) {
        this.progress = progress;
    }

    /** Measures one channel kind of {@code target}; adds its rows to {@code results}. */
    void measure(Target target, boolean reliable, Plan plan, ChromiumResults results) {
        String provider = target.name();
        String kind = BenchChannels.kind(reliable);
        int n = plan.runs();
        int sizes = plan.sizes().size();
        double[][] msgs = new double[sizes][n];
        double[][] mbs = new double[sizes][n];
        double[][] ratio = new double[sizes][n];
        double[] p50 = new double[n];
        double[] p90 = new double[n];
        double[] p99 = new double[n];
        double[] setup = new double[n];
        int lost = 0;
        for (int run = 0; run < n; run++) {
            try (ChromiumLink link = target.connect(reliable, CONNECT_TIMEOUT)) {
                setup[run] = link.setupMillis();
                for (int s = 0; s < sizes; s++) {
                    int size = plan.sizes().get(s);
                    try {
                        link.flood(size, plan.warmUp()); // warm-up: same traffic, not counted
                        settle(link);
                        long receivedBefore = link.received();
                        long start = System.nanoTime();
                        long sent = link.flood(size, plan.duration());
                        double seconds = (System.nanoTime() - start) / 1e9;
                        settle(link);
                        long received = link.received() - receivedBefore;
                        msgs[s][run] = received / seconds;
                        mbs[s][run] = received * (double) size / seconds / 1e6;
                        ratio[s][run] = sent == 0 ? 0 : (double) received / sent;
                        progress.accept(String.format(Locale.ROOT, "%s %s %s run %d: %,.0f msgs/s, %.1f MB/s",
                                provider, kind, ChromiumResults.size(size), run + 1, msgs[s][run], mbs[s][run]));
                    } catch (MessageTooLargeException e) {
                        msgs[s][run] = Double.NaN;
                        progress.accept(String.format(Locale.ROOT, "%s %s %s run %d: n/a (%s)", provider, kind,
                                ChromiumResults.size(size), run + 1, e.getMessage()));
                    }
                }
                ChromiumLink.RoundTrips rtt = link.pingPong(RTT_WARM_UP_ROUNDS, plan.rttRounds(), PER_ROUND);
                long[] sorted = rtt.nanos().clone();
                Arrays.sort(sorted);
                p50[run] = percentile(sorted, 50);
                p90[run] = percentile(sorted, 90);
                p99[run] = percentile(sorted, 99);
                lost += rtt.lost();
                progress.accept(String.format(Locale.ROOT, "%s %s RTT run %d: p50 %.0f µs", provider, kind,
                        run + 1, p50[run]));
            }
        }
        for (int s = 0; s < sizes; s++) {
            if (Double.isNaN(msgs[s][0])) {
                continue; // above the maximum message size
            }
            results.throughput.add(new Throughput(provider, kind, plan.sizes().get(s), median(msgs[s]), median(mbs[s]),
                    median(ratio[s])));
        }
        results.latency.add(new Latency(provider, kind, median(p50), median(p90), median(p99), lost, median(setup)));
    }

    /** Waits until nothing more arrives for 200 ms (in-flight messages land), at most 5 s. */
    private static void settle(ChromiumLink link) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = link.received();
            if (now == last) {
                return;
            }
            last = now;
            Flux.interval(Duration.ofMillis(200)).blockFirst(); // a bench pause, not test synchronisation
        }
    }

    /** Nearest-rank percentile in microseconds, as the harness's ping-pong; NaN when no round was answered. */
    static double percentile(long[] sortedNanos, int p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1000.0;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
