package io.teleflux.bench.chromium;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the harness's measurements with a headless Chromium page as the operator, and writes {@code results.md} and
 * {@code results.csv} in the harness's format: provider "chromium" is Chromium's own DataChannel loopback
 * ({@link ChromiumLoopback}), "chromium-java" a Chromium operator with a teleflux robot session
 * ({@link ChromiumJavaLink}). See {@link #USAGE}.
 */
public final class ChromiumBenchMain {

    static final String USAGE = String.join("\n",
            "Usage: ./teleflux netns java -cp bench/target/benchmarks.jar io.teleflux.bench.chromium.ChromiumBenchMain"
                    + " [options]",
            "",
            "The harness's measurements with a headless Chromium page (Debian chromium via /usr/bin/chromedriver)",
            "as the operator, the measuring loops running in the page. Per message size and channel kind: sustained",
            "throughput (msgs/s, MB/s) with sender flow control (1 MiB high mark, bufferedamountlow at 256 KiB),",
            "delivered ratio, 64-byte ping-pong RTT percentiles and setup time; median of the runs. Sizes above the",
            "256 KiB message limit are skipped.",
            "Runs WebRTC: only inside a private network namespace (./teleflux netns ...).",
            "Writes results.md and results.csv (the harness's columns; draw them with the harness's --replot DIR).",
            "",
            "Options:",
            "  --targets A,B      chromium (Chromium's own loopback: two peer connections in one page), chromium-java",
            "                     (the page as operator, a teleflux webrtc robot session in this JVM, met through",
            "                     WebSocketSignalingServer on 127.0.0.1) (default: both)",
            "  --sizes N,N        message sizes in bytes (default 64,256,1024,4096,16384,65536,262144)",
            "  --kinds K,K        unreliable, reliable (default both)",
            "  --warmup SECONDS   warm-up per measurement (default 1)",
            "  --duration SECONDS measured time per run (default 3)",
            "  --runs N           runs per point, each on fresh peer connections; the median is reported (default 3)",
            "  --rtt-rounds N     ping-pong rounds per run (default 2000)",
            "  --out DIR          output folder (default bench/results/chromium-latest)",
            "  -h, --help         show this help");

    private ChromiumBenchMain() {
    }

    /** Parsed options. */
    record Options(List<String> targets, ChromiumBench.Plan plan, Path out, boolean help) {
    }

    public static void main(String[] args) throws IOException {
        quietLogging();
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(USAGE);
            return;
        }
        if (!PrivateNetwork.usable()) {
            System.err.println("error: " + PrivateNetwork.REFUSAL);
            System.exit(3);
            return;
        }
        ChromiumBench.Plan plan = options.plan();
        ChromiumResults results = new ChromiumResults();
        String browser;
        boolean precise;
        System.err.println("[chromium] starting headless Chromium");
        int steps = plan.steps() * options.targets().size();
        try (ChromiumLoopback chromium = ChromiumLoopback.start();
             Targets targets = new Targets(chromium)) {
            browser = chromium.browserVersion();
            precise = chromium.preciseTimer();
            int[] done = {0};
            long start = System.nanoTime();
            ChromiumBench bench = new ChromiumBench(what -> {
                done[0]++;
                double elapsed = (System.nanoTime() - start) / 1e9;
                System.err.printf(Locale.ROOT, "[%3d/%d  eta %3.0fs] %s%n", done[0], steps,
                        elapsed / done[0] * (steps - done[0]), what);
            });
            for (String name : options.targets()) {
                ChromiumBench.Target target = targets.get(name);
                for (boolean reliable : plan.reliable()) {
                    bench.measure(target, reliable, plan, results);
                }
            }
        }
        String header = String.format(Locale.ROOT, "Measured %s, %d cores, Java %s, Chromium %s (page timer %s); "
                        + "%s warm-up, %s per run, median of %d runs, RTT over %d rounds of 64 B.", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), browser,
                precise ? "5 µs" : "100 µs", plan.warmUp(), plan.duration(), plan.runs(), plan.rttRounds());
        results.write(options.out(), header);
        System.out.println(results.markdown(header));
        System.out.println("Wrote " + options.out().resolve("results.md") + " and results.csv");
        if (!Files.exists(options.out().resolve("results.csv"))) {
            System.exit(1);
        }
    }

    /**
     * As the harness: without a configuration file logback logs everything at DEBUG (netty, every signaling frame),
     * which costs the measured JVM time; warnings only, unless {@code -Dlogback.configurationFile=…} says otherwise.
     */
    private static void quietLogging() {
        if (System.getProperty("logback.configurationFile") == null
                && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static Options parse(String[] args) {
        List<String> targets = Targets.NAMES;
        List<Integer> sizes = List.of(64, 256, 1024, 4096, 16384, 65536, 262144);
        List<Boolean> kinds = List.of(false, true);
        double warm = 1;
        double duration = 3;
        int runs = 3;
        int rtt = 2000;
        Path out = Path.of("bench/results/chromium-latest");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new Options(targets, null, out, true);
                }
                case "--targets" -> {
                    targets = List.of(value(args, ++i, a).split(","));
                    for (String t : targets) {
                        if (!Targets.NAMES.contains(t)) {
                            throw new IllegalArgumentException("unknown target '" + t + "'; known: " + Targets.NAMES);
                        }
                    }
                }
                case "--sizes" -> {
                    List<Integer> s = new ArrayList<>();
                    for (String v : value(args, ++i, a).split(",")) {
                        s.add(integer(a, v, 1, 16 * 1024 * 1024));
                    }
                    sizes = List.copyOf(s);
                }
                case "--kinds" -> {
                    List<Boolean> k = new ArrayList<>();
                    for (String v : value(args, ++i, a).split(",")) {
                        switch (v.trim().toLowerCase(Locale.ROOT)) {
                            case "unreliable" -> k.add(false);
                            case "reliable" -> k.add(true);
                            default -> throw new IllegalArgumentException(
                                    "--kinds takes unreliable or reliable, was '" + v + "'");
                        }
                    }
                    kinds = List.copyOf(k);
                }
                case "--warmup" -> warm = seconds(a, value(args, ++i, a));
                case "--duration" -> duration = seconds(a, value(args, ++i, a));
                case "--runs" -> runs = integer(a, value(args, ++i, a), 1, 99);
                case "--rtt-rounds" -> rtt = integer(a, value(args, ++i, a), 1, 1_000_000);
                case "--out" -> out = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return new Options(targets, new ChromiumBench.Plan(sizes, kinds, Duration.ofMillis((long) (warm * 1000)),
                Duration.ofMillis((long) (duration * 1000)), runs, rtt), out, false);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int integer(String option, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], was " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, was '" + v + "'");
        }
    }

    private static double seconds(String option, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0 && d <= 600)) {
                throw new IllegalArgumentException(option + " must be in (0, 600] seconds, was " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number of seconds, was '" + v + "'");
        }
    }
}
