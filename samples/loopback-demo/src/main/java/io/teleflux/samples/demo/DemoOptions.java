package io.teleflux.samples.demo;

/** Command-line options of the demo. */
record DemoOptions(int seconds, int rateHz, double speed, double turnRate, boolean help) {

    static final String USAGE = String.join("\n",
            "Usage: ./teleflux demo --loopback [options]",
            "",
            "A simulated robot and an operator in one JVM over the in-process loopback provider.",
            "The operator drives in a circle; the robot answers pings and publishes odometry.",
            "",
            "Options:",
            "  --seconds N     how long to drive (default 5)",
            "  --rate HZ       command rate (default 80, as the browser operator page)",
            "  --speed M_S     forward speed in m/s (default 0.5)",
            "  --turn RAD_S    yaw rate in rad/s (default 0.6)",
            "  -h, --help      show this help");

    static DemoOptions parse(String[] args) {
        int seconds = 5;
        int rate = 80;
        double speed = 0.5;
        double turn = 0.6;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return new DemoOptions(seconds, rate, speed, turn, true);
                }
                case "--seconds" -> seconds = positiveInt(a, value(args, ++i, a), 3600);
                case "--rate" -> rate = positiveInt(a, value(args, ++i, a), 1000);
                case "--speed" -> speed = number(a, value(args, ++i, a));
                case "--turn" -> turn = number(a, value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return new DemoOptions(seconds, rate, speed, turn, false);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positiveInt(String option, String v, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n < 1 || n > max) {
                throw new IllegalArgumentException(option + " must be in [1, " + max + "], was " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, was '" + v + "'");
        }
    }

    private static double number(String option, String v) {
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(option + " must be finite, was " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, was '" + v + "'");
        }
    }
}
