package io.teleflux.bench.harness;

import io.teleflux.MessageTooLargeException;
import io.teleflux.bench.chromium.ChromiumLoopback;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end benchmark harness: every provider through the same public API, and raw webrtc-java as the baseline,
 * all measured by the same code on a {@link BenchLink}. See {@link BenchOptions#USAGE}.
 * Run with {@code ./teleflux bench harness --help}.
 */
public final class BenchMain {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private BenchMain() {
    }

    /** The providers the harness knows, by name. Network providers register here as they are added. */
    static Map<String, Supplier<BenchTarget>> knownTargets() {
        Map<String, Supplier<BenchTarget>> targets = new LinkedHashMap<>();
        targets.put("loopback", LoopbackTarget::new);
        targets.put("raw-webrtc-java", RawWebRtcTarget::new);
        targets.put("webrtc", () -> new WebRtcTarget(false));
        targets.put("webrtc-framed", () -> new WebRtcTarget(true));
        if (ChromiumLoopback.available()) { // Debian chromium + chromium-driver
            targets.put("chromium", () -> new ChromiumTarget(false));
            targets.put("chromium-java", () -> new ChromiumTarget(true));
        }
        return targets;
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        if (args.length > 0 && args[0].equals("video")) {
            GlassToGlass.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("broker")) {
            io.teleflux.bench.broker.BrokerBenchMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        if (options.replot() != null) {
            ThroughputPlot.write(BenchResults.readCsv(options.replot().resolve("results.csv")),
                    options.replot().resolve("throughput.png"));
            System.out.println("Redrew " + options.replot().resolve("throughput.png"));
            return;
        }
        BenchResults results = run(options, System.err);
        String header = String.format(Locale.ROOT, "Measured %s, %d cores, Java %s; %s warm-up, %s per run, median of "
                        + "%d runs, RTT over %d rounds of 64 B.", LocalDate.now(), Runtime.getRuntime()
                        .availableProcessors(), System.getProperty("java.version"), options.warmUp(),
                options.duration(), options.runs(), options.rttRounds());
        results.write(options.out(), header);
        System.out.println(results.markdown(header));
        System.out.println("Wrote " + options.out().resolve("results.md") + ", results.csv and throughput.png");
    }

    /**
     * Without a configuration file logback logs everything at DEBUG to the console, for example one line per payload
     * an unreliable sender drops: that costs the sender thread time and skews the figures. So the harness logs
     * warnings only, unless {@code -Dlogback.configurationFile=…} says otherwise. Public for the other bench mains.
     */
    public static void quietLogging() {
        if (System.getProperty("logback.configurationFile") == null
                && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static BenchResults run(BenchOptions options, PrintStream progressOut) {
        Map<String, Supplier<BenchTarget>> known = knownTargets();
        List<String> names = options.providers().isEmpty() ? List.copyOf(known.keySet()) : options.providers();
        for (String n : names) {
            if (!known.containsKey(n)) {
                throw new IllegalArgumentException("unknown provider '" + n + "'; known: " + known.keySet());
            }
        }
        int steps = names.size() * options.kinds().size() * options.runs() * (options.sizes().size() + 1);
        ProgressBar progress = new ProgressBar(progressOut, steps);
        BenchResults results = new BenchResults();
        for (String name : names) {
            try (BenchTarget target = known.get(name).get()) {
                for (ChannelKind kind : options.kinds()) {
                    measure(target, kind, options, progress, results);
                }
            }
        }
        return results;
    }

    private static void measure(BenchTarget target, ChannelKind kind, BenchOptions o, ProgressBar progress,
                                BenchResults results) {
        int n = o.runs();
        int sizes = o.sizes().size();
        double[][] msgs = new double[sizes][n];
        double[][] mbs = new double[sizes][n];
        double[][] ratio = new double[sizes][n];
        double[] p50 = new double[n];
        double[] p90 = new double[n];
        double[] p99 = new double[n];
        double[] setup = new double[n];
        int lost = 0;
        for (int run = 0; run < n; run++) {
            long start = System.nanoTime();
            BenchLink link = target.connect(kind, CONNECT_TIMEOUT);
            setup[run] = (System.nanoTime() - start) / 1e6;
            try {
                for (int s = 0; s < sizes; s++) {
                    int size = o.sizes().get(s);
                    ThroughputRun.Result r;
                    try {
                        r = ThroughputRun.measure(link, size, o.warmUp(), o.duration(), o.settle());
                    } catch (MessageTooLargeException e) {
                        // e.g. 256 KiB on an unreliable channel with framing: one byte above what the peer accepts
                        msgs[s][run] = Double.NaN;
                        progress.step(String.format(Locale.ROOT, "%s %s %s run %d: n/a (%s)", target.name(),
                                kind.label(), BenchResults.size(size), run + 1, e.getMessage()));
                        continue;
                    }
                    msgs[s][run] = r.messagesPerSecond();
                    mbs[s][run] = r.megabytesPerSecond();
                    ratio[s][run] = r.deliveredRatio();
                    progress.step(String.format(Locale.ROOT, "%s %s %s run %d: %,.0f msgs/s", target.name(),
                            kind.label(), BenchResults.size(size), run + 1, r.messagesPerSecond()));
                }
                PingPong.Result rtt = PingPong.measure(link, o.rttRounds(), Duration.ofMillis(500));
                p50[run] = rtt.p50();
                p90[run] = rtt.p90();
                p99[run] = rtt.p99();
                lost += rtt.lost();
                progress.step(String.format(Locale.ROOT, "%s %s RTT run %d: p50 %.0f µs", target.name(),
                        kind.label(), run + 1, rtt.p50()));
            } finally {
                link.close();
            }
        }
        for (int s = 0; s < sizes; s++) {
            if (Double.isNaN(msgs[s][0])) {
                continue; // the size does not fit the channel
            }
            results.throughput.add(new BenchResults.Throughput(target.name(), kind.label(), o.sizes().get(s),
                    BenchResults.median(msgs[s]), BenchResults.median(mbs[s]), BenchResults.median(ratio[s])));
        }
        results.latency.add(new BenchResults.Latency(target.name(), kind.label(), BenchResults.median(p50),
                BenchResults.median(p90), BenchResults.median(p99), lost, BenchResults.median(setup)));
    }

    /** For tests: the list form of the known provider names. */
    static List<String> providerNames() {
        return new ArrayList<>(knownTargets().keySet());
    }
}
