package io.teleflux.bench.harness;

/** Option values for the bench programs' command lines, each failing with the option and the bad value. */
public final class CliArgs {

    private CliArgs() {
    }

    /** {@code args[i]}, the value of {@code option}. */
    public static String value(String[] args, int i, String option) {
        return need(option, i < args.length ? args[i] : null);
    }

    /** {@code value} unless it is null (the option was last on the line). */
    public static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** A whole number in [{@code min}, {@code max}]. */
    public static int integer(String option, String v, int min, int max) {
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

    /** A number of seconds in (0, 600]. */
    public static double seconds(String option, String v) {
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
