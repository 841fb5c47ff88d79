package io.teleflux.bench.broker;

import io.teleflux.bench.harness.BenchMain;
import io.teleflux.bench.harness.CliArgs;
import io.teleflux.bench.harness.ProgressBar;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The broker figures: operator join to first command, relay overhead on command latency against a direct peer
 * connection, and many concurrent robot sessions on one broker JVM with its CPU and memory per session. Run with
 * {@code ./teleflux bench harness broker --help}.
 */
public final class BrokerBenchMain {

    static final String USAGE = String.join("\n",
            "Usage: ./teleflux bench harness broker [options]",
            "",
            "Measures the embedded broker (started in a JVM of its own, so its CPU and memory are its own) with Java",
            "robots and operators in this JVM, all over real webrtc-java peer connections in the private namespace:",
            "  join   operator join -> first command delivered at the robot (and when the robot saw the operator)",
            "  relay  one-way latency of 80 Hz drive commands: direct peer connection vs through the broker's relay",
            "  load   N concurrent robot sessions, each with an operator driving at 80 Hz and pinging at 1 Hz and",
            "         telemetry at 3 Hz: messages lost per channel, command latency, broker CPU and memory per session",
            "Writes broker.md, broker.csv and command-latency.png to the output folder; exits with status 1 when a",
            "target of the broker issue (join <= 1 s, relay overhead <= 1 ms at p50, no reliable loss) is not met.",
            "",
            "Options:",
            "  --only A,B        parts to run: join, relay, load (default all)",
            "  --joins N         join rounds (default 10)",
            "  --commands N      counted commands per relay round and path (default 800, at 80 Hz)",
            "  --rounds N        relay rounds, alternating direct and relay (default 3)",
            "  --sessions N      concurrent robot sessions in the load part (default 20)",
            "  --duration SECONDS measured load window (default 30)",
            "  --out DIR         output folder (default bench/results/latest)",
            "  -h, --help        show this help");

    private BrokerBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchMain.quietLogging();
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.println(USAGE);
            return;
        }
        BrokerBenchReport report = run(o, System.err);
        System.out.println(report.markdown(header()));
        System.out.println("Wrote " + o.out.resolve("broker.md") + ", broker.csv and command-latency.png");
        if (!report.targetsMet()) {
            System.exit(1);
        }
    }

    /** Runs the parts {@code o} asks for and writes broker.md, broker.csv and the latency plot to its folder. */
    static BrokerBenchReport run(Options o, PrintStream progressOut) throws Exception {
        Files.createDirectories(o.out);
        int steps = (o.join ? o.joins : 0) + (o.relay ? 2 * o.rounds : 0)
                + (o.load ? o.sessions + (int) o.duration.toSeconds() : 0);
        ProgressBar progress = new ProgressBar(progressOut, steps);
        BrokerBenchReport report = new BrokerBenchReport();
        int keys = Math.max(1, o.load ? o.sessions : 1);
        try (ChildBroker broker = ChildBroker.start(keys, o.out.resolve("broker-jvm.log"))) {
            if (o.join) {
                report.join = JoinLatency.measure(broker, o.joins, progress);
            }
            if (o.relay) {
                report.relay = RelayOverhead.measure(broker, o.commands, o.rounds, progress);
            }
            if (o.load) {
                report.load = SessionLoad.measure(broker, o.duration, progress);
            }
        }
        Files.writeString(o.out.resolve("broker.md"), report.markdown(header()));
        Files.writeString(o.out.resolve("broker.csv"), report.csv());
        Map<String, Latencies> cdf = new LinkedHashMap<>();
        if (report.relay != null) {
            cdf.put("direct peer connection", report.relay.direct());
            cdf.put("through the broker relay", report.relay.relay());
        }
        if (report.load != null) {
            cdf.put("relay, " + report.load.sessions() + " sessions under load", report.load.commandLatency());
        }
        if (!cdf.isEmpty()) {
            LatencyCdfPlot.write("Drive command latency, operator -> robot (80 Hz TwistStamped)", cdf,
                    o.out.resolve("command-latency.png"));
        }
        return report;
    }

    private static String header() {
        return String.format(Locale.ROOT, "Measured %s, %d cores, Java %s; broker in its own JVM, robots and"
                + " operators in the harness JVM, webrtc-java in a private network namespace.", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    }

    /** Command-line options with their defaults. */
    static final class Options {
        boolean join = true;
        boolean relay = true;
        boolean load = true;
        int joins = 10;
        int commands = 800;
        int rounds = 3;
        int sessions = 20;
        Duration duration = Duration.ofSeconds(30);
        Path out = Path.of("bench/results/latest");
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> o.help = true;
                    case "--only" -> {
                        o.join = false;
                        o.relay = false;
                        o.load = false;
                        for (String part : CliArgs.value(args, ++i, a).split(",")) {
                            switch (part.trim()) {
                                case "join" -> o.join = true;
                                case "relay" -> o.relay = true;
                                case "load" -> o.load = true;
                                default -> throw new IllegalArgumentException(
                                        "--only takes join, relay or load, was '" + part + "'");
                            }
                        }
                    }
                    case "--joins" -> o.joins = number(args, ++i, a, 1, 1000);
                    case "--commands" -> o.commands = number(args, ++i, a, 10, 1_000_000);
                    case "--rounds" -> o.rounds = number(args, ++i, a, 1, 100);
                    case "--sessions" -> o.sessions = number(args, ++i, a, 1, 500);
                    case "--duration" -> o.duration = Duration.ofSeconds(number(args, ++i, a, 1, 3600));
                    case "--out" -> o.out = Path.of(CliArgs.value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            return o;
        }

        private static int number(String[] args, int i, String option, int min, int max) {
            return CliArgs.integer(option, CliArgs.value(args, i, option), min, max);
        }


    }
}
