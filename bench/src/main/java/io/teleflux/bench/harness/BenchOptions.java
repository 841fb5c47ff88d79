package io.teleflux.bench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Command-line options of the harness, with their defaults. */
record BenchOptions(List<String> providers, List<Integer> sizes, List<ChannelKind> kinds, Duration warmUp,
                    Duration duration, Duration settle, int runs, int rttRounds, Path out, Path replot, boolean help) {

    static final List<Integer> DEFAULT_SIZES = List.of(64, 256, 1024, 4096, 16384, 65536, 262144);

    static final String USAGE = String.join("\n",
            "Usage: ./teleflux bench harness [options]",
            "       ./teleflux bench harness video [--help]   glass-to-glass latency over a WebRTC video track",
            "       ./teleflux bench harness broker [--help]  broker join time, relay overhead, concurrent sessions",
            "",
            "End-to-end benchmark through the public session API, per provider, message size and channel kind,",
            "with raw webrtc-java as the baseline: sustained throughput (msgs/s, MB/s) with sender flow control,",
            "delivered ratio, 64-byte ping-pong RTT percentiles and connection setup time; median of the runs.",
            "Writes results.md, results.csv and throughput.png to the output folder.",
            "",
            "Options:",
            "  --providers A,B   providers to measure: loopback, raw-webrtc-java (the baseline: webrtc-java 0.14.0",
            "                    driven directly, no teleflux code in the data path), webrtc, webrtc-framed (webrtc",
            "                    with coalescing and fragmentation on both ends), chromium (Chromium's own",
            "                    DataChannel loopback in one headless page, measured in the page), chromium-java",
            "                    (the page as operator, a webrtc robot session in this JVM; both listed when Debian",
            "                    chromium and chromium-driver are installed) (default: all)",
            "  --sizes N,N       message sizes in bytes (default 64,256,1024,4096,16384,65536,262144)",
            "  --kinds K,K       unreliable, reliable (default both)",
            "  --warmup SECONDS  warm-up per measurement (default 1)",
            "  --duration SECONDS measured time per run (default 3)",
            "  --settle SECONDS  after each flood, wait until nothing arrives for this long so in-flight messages",
            "                    land before counting (default 1; at most 10 s in all)",
            "  --runs N          runs per point; the median is reported (default 3)",
            "  --rtt-rounds N    ping-pong rounds per run (default 2000)",
            "  --out DIR         output folder (default bench/results/latest)",
            "  --replot DIR      only redraw DIR/throughput.png from DIR/results.csv (no measuring)",
            "  -h, --help        show this help");

    static BenchOptions parse(String[] args) {
        List<String> providers = List.of();
        List<Integer> sizes = DEFAULT_SIZES;
        List<ChannelKind> kinds = List.of(ChannelKind.UNRELIABLE, ChannelKind.RELIABLE);
        double warm = 1;
        double duration = 3;
        double settle = 1;
        int runs = 3;
        int rtt = 2000;
        Path out = Path.of("bench/results/latest");
        Path replot = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new BenchOptions(providers, sizes, kinds, Duration.ZERO, Duration.ZERO, Duration.ZERO, runs, rtt, out,
                            null, true);
                }
                case "--providers" -> providers = List.of(CliArgs.value(args, ++i, a).split(","));
                case "--sizes" -> {
                    List<Integer> s = new ArrayList<>();
                    for (String v : CliArgs.value(args, ++i, a).split(",")) {
                        s.add(CliArgs.integer(a, v, 1, 262_144));
                    }
                    sizes = List.copyOf(s);
                }
                case "--kinds" -> {
                    List<ChannelKind> k = new ArrayList<>();
                    for (String v : CliArgs.value(args, ++i, a).split(",")) {
                        try {
                            k.add(ChannelKind.valueOf(v.trim().toUpperCase(java.util.Locale.ROOT)));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--kinds takes unreliable or reliable, was '" + v
                                    + "'");
                        }
                    }
                    kinds = List.copyOf(k);
                }
                case "--warmup" -> warm = CliArgs.seconds(a, CliArgs.value(args, ++i, a));
                case "--duration" -> duration = CliArgs.seconds(a, CliArgs.value(args, ++i, a));
                case "--settle" -> settle = CliArgs.seconds(a, CliArgs.value(args, ++i, a));
                case "--runs" -> runs = CliArgs.integer(a, CliArgs.value(args, ++i, a), 1, 99);
                case "--rtt-rounds" -> rtt = CliArgs.integer(a, CliArgs.value(args, ++i, a), 1, 1_000_000);
                case "--out" -> out = Path.of(CliArgs.value(args, ++i, a));
                case "--replot" -> replot = Path.of(CliArgs.value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return new BenchOptions(providers, sizes, kinds, Duration.ofMillis((long) (warm * 1000)),
                Duration.ofMillis((long) (duration * 1000)), Duration.ofMillis((long) (settle * 1000)), runs, rtt, out, replot, false);
    }



}
