package io.teleflux.samples.go2;

import java.time.Duration;
import java.util.Optional;

/**
 * The command line of {@link DemoMain}, parsed.
 *
 * @param host     the address the embedded broker binds
 * @param port     the broker's TCP port (0: any free port)
 * @param duration how long to run; empty means until Ctrl-C
 * @param options  the simulated robot's options
 * @param help     whether {@code --help} was given
 */
record DemoArgs(String host, int port, Optional<Duration> duration, Go2Options options, boolean help) {

    /** The defaults: {@code 127.0.0.1:8080}, until Ctrl-C, the robot's defaults with the camera on. */
    static final DemoArgs DEFAULTS = new DemoArgs("127.0.0.1", 8080, Optional.empty(), Go2Options.defaults(), false);

    static final String USAGE = String.join("\n",
            "Usage: DemoMain [options]",
            "",
            "The one-command demo: starts the embedded teleflux broker (REST API, WebRTC relay and the operator page),",
            "creates a fresh development robot API key and operator token, connects a simulated Unitree Go2 to it",
            "(camera on), and prints the operator page's URL and the token. Open the page, log in with the token,",
            "press Join, and drive: W/A/S/D or the arrow keys, Q/E strafe, Space is the E-stop.",
            "",
            "Options:",
            "  --port N            the broker's TCP port (default 8080; 0 = any free port)",
            "  --host ADDR         the address the broker binds (default 127.0.0.1; 0.0.0.0 to let other",
            "                      machines on your network open the page)",
            "  --duration SECONDS  stop after SECONDS (default: run until Ctrl-C)",
            "  --no-video          do not render or send the robot's camera",
            "  --latency-stamp     append the 22-bit glass-to-glass latency stamp strip to the camera",
            "  -h, --help          show this help");

    static DemoArgs parse(String[] args) {
        String host = DEFAULTS.host;
        int port = DEFAULTS.port;
        Optional<Duration> duration = DEFAULTS.duration;
        Go2Options options = DEFAULTS.options;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new DemoArgs(host, port, duration, options, true);
                }
                case "--port" -> port = (int) number(a, value(args, ++i, a), 0, 65535);
                case "--host" -> host = value(args, ++i, a).strip();
                case "--duration" -> duration = Optional.of(Duration.ofSeconds(number(a, value(args, ++i, a), 1,
                        Integer.MAX_VALUE)));
                case "--no-video" -> options = options.withCamera(false);
                case "--latency-stamp" -> options = options.withLatencyStamp(true);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("--host must not be blank");
        }
        return new DemoArgs(host, port, duration, options, false);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String option, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, was '" + v + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(option + " must be in [" + min + ", " + max + "], was " + v);
        }
        return n;
    }
}
