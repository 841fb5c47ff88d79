package io.teleflux.samples.go2;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The command line of {@link Go2Main}, parsed.
 *
 * @param loopback  the loopback link's name; the default provider ({@code "go2"}) when neither is given
 * @param broker    the broker's URL, if driving through the hosted-teleop broker
 * @param apiKey    the robot's API key for the broker
 * @param robotName the robot's display name on the broker
 * @param stun      the STUN fallback for the broker, if not the provider's default; {@code "none"} for none
 * @param record    where to record the session
 * @param seconds   how long to run; empty means until Ctrl-C
 * @param options   the robot's options
 * @param help      whether {@code --help} was given
 */
record Go2Args(Optional<String> loopback, Optional<URI> broker, Optional<String> apiKey, String robotName,
               Optional<String> stun, Optional<Path> record,
               Optional<Duration> seconds, Go2Options options, boolean help) {

    static final String USAGE = String.join("\n",
            "Usage: Go2Main [options]",
            "",
            "A simulated Unitree Go2: drive commands through the command guard into a kinematic body, E-stop and",
            "sport commands with acks, telemetry (3 Hz), odometry (15 Hz) and a rendered camera (640x480, 30 fps).",
            "",
            "Provider (loopback when none is given):",
            "  --loopback NAME     in-process link NAME; a scripted operator in this JVM drives the robot",
            "  --broker URL        a hosted-teleop broker, e.g. https://teleop.dimensionalos.com or the",
            "                      embedded one (./teleflux broker); needs --api-key",
            "  --api-key KEY       the robot's API key for the broker (X-Robot-API-Key, dtk_live_... or dtk_dev_...)",
            "  --robot-name NAME   the name operators see in the broker's session list (default go2)",
            "  --stun URL|none     STUN server used when the broker hands out none (default",
            "                      stun:stun.cloudflare.com:3478; none on a private network)",
            "",
            "Options:",
            "  --seconds N         stop after N seconds (default: run until Ctrl-C)",
            "  --record FILE       record the session to FILE",
            "  --watchdog MS       stop when no fresh drive command came for MS ms (default 300)",
            "  --latency-stamp     append the 22-bit glass-to-glass latency stamp strip to the camera",
            "  --no-camera         do not render or send the camera",
            "  --allow-acrobatics  allow the FrontPounce and FrontJump sport commands",
            "  -h, --help          show this help");

    static Go2Args parse(String[] args) {
        Optional<String> loopback = Optional.empty();
        Optional<URI> broker = Optional.empty();
        Optional<String> apiKey = Optional.empty();
        String robotName = "go2";
        Optional<String> stun = Optional.empty();
        Optional<Path> record = Optional.empty();
        Optional<Duration> seconds = Optional.empty();
        Go2Options options = Go2Options.defaults();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new Go2Args(loopback, broker, apiKey, robotName, stun, record, seconds, options, true);
                }
                case "--loopback" -> loopback = Optional.of(value(args, ++i, a));
                case "--broker" -> broker = Optional.of(uri(a, value(args, ++i, a)));
                case "--api-key" -> apiKey = Optional.of(nonBlank(a, value(args, ++i, a)));
                case "--robot-name" -> robotName = nonBlank(a, value(args, ++i, a));
                case "--stun" -> stun = Optional.of(nonBlank(a, value(args, ++i, a)));
                case "--record" -> record = Optional.of(Path.of(value(args, ++i, a)));
                case "--seconds" -> seconds = Optional.of(Duration.ofSeconds(positive(a, value(args, ++i, a))));
                case "--watchdog" ->
                        options = options.withWatchdog(Duration.ofMillis(positive(a, value(args, ++i, a))));
                case "--latency-stamp" -> options = options.withLatencyStamp(true);
                case "--no-camera" -> options = options.withCamera(false);
                case "--allow-acrobatics" -> options = options.withAllowAcrobatics(true);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (loopback.isPresent() && broker.isPresent()) {
            throw new IllegalArgumentException("--loopback and --broker exclude each other");
        }
        if (broker.isEmpty() && stun.isPresent()) {
            throw new IllegalArgumentException("--stun goes with --broker");
        }
        if (broker.isPresent() != apiKey.isPresent()) {
            throw new IllegalArgumentException("--broker and --api-key go together");
        }
        return new Go2Args(loopback, broker, apiKey, robotName, stun, record, seconds, options, false);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** Without the API key. */
    @Override
    public String toString() {
        return "Go2Args[loopback=" + loopback + ", broker=" + broker + ", apiKey=" + apiKey.map(k -> "(hidden)")
                + ", robotName=" + robotName + ", stun=" + stun + ", record=" + record + ", seconds=" + seconds
                + ", options=" + options + ", help=" + help + "]";
    }

    private static String nonBlank(String option, String v) {
        if (v.isBlank()) {
            throw new IllegalArgumentException(option + " must not be blank");
        }
        return v.strip();
    }

    private static long positive(String option, String v) {
        try {
            long n = Long.parseLong(v);
            if (n < 1) {
                throw new IllegalArgumentException(option + " must be at least 1, was " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, was '" + v + "'");
        }
    }

    private static URI uri(String option, String v) {
        URI uri;
        try {
            uri = URI.create(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " needs a URL, was '" + v + "': " + e.getMessage());
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(option + " needs an absolute URL, was '" + v + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(option + " needs an http(s) URL, was '" + v + "'");
        }
        return uri;
    }
}
