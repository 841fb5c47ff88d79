package io.teleflux.samples.go2;

import io.teleflux.video.LatencyStamp;
import java.time.Duration;
import java.util.Objects;

/**
 * How the simulated Go2 behaves: drive limits, the command guard, publishing rates and the camera. Immutable; each
 * {@code with…} returns a copy and rejects a bad value at once, with the value in the message. Start from
 * {@link #defaults()}; the defaults are those of DimOS's {@code Go2CommandModule} where it has one.
 */
public final class Go2Options {

    private static final Go2Options DEFAULTS = new Go2Options(1.5, 2.0, Duration.ofMillis(500),
            Duration.ofMillis(100), Duration.ofMillis(300), 3, 15, true, 640, 480, 30, false, false, 100.0, true);

    private final double maxLinear;
    private final double maxAngular;
    private final Duration staleAfter;
    private final Duration futureTolerance;
    private final Duration watchdog;
    private final int telemetryHz;
    private final int odomHz;
    private final boolean camera;
    private final int width;
    private final int height;
    private final int fps;
    private final boolean latencyStamp;
    private final boolean allowAcrobatics;
    private final double maxNavGoal;
    private final boolean answerPings;

    private Go2Options(double maxLinear, double maxAngular, Duration staleAfter, Duration futureTolerance,
                       Duration watchdog, int telemetryHz, int odomHz, boolean camera, int width, int height, int fps,
                       boolean latencyStamp, boolean allowAcrobatics, double maxNavGoal, boolean answerPings) {
        this.maxLinear = maxLinear;
        this.maxAngular = maxAngular;
        this.staleAfter = staleAfter;
        this.futureTolerance = futureTolerance;
        this.watchdog = watchdog;
        this.telemetryHz = telemetryHz;
        this.odomHz = odomHz;
        this.camera = camera;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.latencyStamp = latencyStamp;
        this.allowAcrobatics = allowAcrobatics;
        this.maxNavGoal = maxNavGoal;
        this.answerPings = answerPings;
    }

    /** The defaults, listed on each accessor. */
    public static Go2Options defaults() {
        return DEFAULTS;
    }

    /** Forward and lateral speed limit, m/s; faster commands are clamped per axis. Default 1.5. */
    public double maxLinear() {
        return maxLinear;
    }

    /** Yaw-rate limit, rad/s; faster commands are clamped. Default 2.0. */
    public double maxAngular() {
        return maxAngular;
    }

    /** A twist stamped (in robot time) longer ago than this is dropped as stale. Default 500 ms. */
    public Duration staleAfter() {
        return staleAfter;
    }

    /** A twist stamped further ahead of robot time than this is dropped as from the future. Default 100 ms. */
    public Duration futureTolerance() {
        return futureTolerance;
    }

    /** With no fresh motion command for this long, the robot stops. Default 300 ms. */
    public Duration watchdog() {
        return watchdog;
    }

    /** {@code robot_telemetry} rate on {@code state_reliable_back}. Default 3 Hz. */
    public int telemetryHz() {
        return telemetryHz;
    }

    /** {@code odom} rate on {@code map_unreliable}. Default 15 Hz. */
    public int odomHz() {
        return odomHz;
    }

    /** Whether the robot renders and sends its camera. Default true. */
    public boolean camera() {
        return camera;
    }

    /** Camera width in pixels (even). Default 640. */
    public int width() {
        return width;
    }

    /** Camera height in pixels (even), without the latency stamp strip. Default 480. */
    public int height() {
        return height;
    }

    /** Camera frame rate. Default 30. */
    public int fps() {
        return fps;
    }

    /**
     * Whether a 16-row glass-to-glass latency stamp strip (22 time bits) is appended below the picture. Needs a width
     * of at least 416. Default false, as in DimOS.
     */
    public boolean latencyStamp() {
        return latencyStamp;
    }

    /** Whether {@code FrontPounce} and {@code FrontJump} are on the sport-command allow-list. Default false. */
    public boolean allowAcrobatics() {
        return allowAcrobatics;
    }

    /** A {@code nav_goal} with {@code |x|} or {@code |y|} above this (metres) is refused. Default 100. */
    public double maxNavGoal() {
        return maxNavGoal;
    }

    /**
     * Whether the robot answers {@code ping} with {@code pong}. Default true; turn it off on a provider that answers
     * pings itself (the broker provider does, inline).
     */
    public boolean answerPings() {
        return answerPings;
    }

    /** A copy with other drive limits (m/s, rad/s), both positive and finite. */
    public Go2Options withLimits(double maxLinear, double maxAngular) {
        positive("maxLinear", maxLinear);
        positive("maxAngular", maxAngular);
        return new Go2Options(maxLinear, maxAngular, staleAfter, futureTolerance, watchdog, telemetryHz, odomHz,
                camera, width, height, fps, latencyStamp, allowAcrobatics, maxNavGoal, answerPings);
    }

    /** A copy with another staleness limit, positive. */
    public Go2Options withStaleAfter(Duration staleAfter) {
        return new Go2Options(maxLinear, maxAngular, positive("staleAfter", staleAfter), futureTolerance, watchdog,
                telemetryHz, odomHz, camera, width, height, fps, latencyStamp, allowAcrobatics, maxNavGoal,
                answerPings);
    }

    /** A copy with another tolerance for stamps ahead of robot time, zero or positive. */
    public Go2Options withFutureTolerance(Duration futureTolerance) {
        Objects.requireNonNull(futureTolerance, "futureTolerance");
        if (futureTolerance.isNegative()) {
            throw new IllegalArgumentException("futureTolerance must not be negative, was " + futureTolerance);
        }
        return new Go2Options(maxLinear, maxAngular, staleAfter, futureTolerance, watchdog, telemetryHz, odomHz,
                camera, width, height, fps, latencyStamp, allowAcrobatics, maxNavGoal, answerPings);
    }

    /** A copy with another watchdog timeout, positive. */
    public Go2Options withWatchdog(Duration watchdog) {
        return new Go2Options(maxLinear, maxAngular, staleAfter, futureTolerance, positive("watchdog", watchdog),
                telemetryHz, odomHz, camera, width, height, fps, latencyStamp, allowAcrobatics, maxNavGoal,
                answerPings);
    }

    /** A copy with other publishing rates, each in [1, 100] Hz. */
    public Go2Options withRates(int telemetryHz, int odomHz) {
        range("telemetryHz", telemetryHz, 1, 100);
        range("odomHz", odomHz, 1, 100);
        return new Go2Options(maxLinear, maxAngular, staleAfter, futureTolerance, watchdog, telemetryHz, odomHz,
                camera, width, height, fps, latencyStamp, allowAcrobatics, maxNavGoal, answerPings);
    }

    /** A copy with the camera on or off. */
    public Go2Options withCamera(boolean camera) {
        return new Go2Options(maxLinear, maxAngular, staleAfter, futureTolerance, watchdog, telemetryHz, odomHz,
                camera, width, height, fps, latencyStamp, allowAcrobatics, maxNavGoal, answerPings);
    }

    /** A copy with another camera size (even, 64 to 4096) and frame rate (1 to 120). */
    public Go2Options withCameraFormat(int width, int height, int fps) {
        even("width", width);
        even("height", height);
        range("fps", fps, 1, 120);
        checkStampFits(latencyStamp, width);
        return new Go2Options(maxLinear, maxAngular, staleAfter, futureTolerance, watchdog, telemetryHz, odomHz,
                camera, width, height, fps, latencyStamp, allowAcrobatics, maxNavGoal, answerPings);
    }

    /** A copy with the latency stamp strip on or off. */
    public Go2Options withLatencyStamp(boolean latencyStamp) {
        checkStampFits(latencyStamp, width);
        return new Go2Options(maxLinear, maxAngular, staleAfter, futureTolerance, watchdog, telemetryHz, odomHz,
                camera, width, height, fps, latencyStamp, allowAcrobatics, maxNavGoal, answerPings);
    }

    /** A copy with acrobatics allowed or not. */
    public Go2Options withAllowAcrobatics(boolean allowAcrobatics) {
        return new Go2Options(maxLinear, maxAngular, staleAfter, futureTolerance, watchdog, telemetryHz, odomHz,
                camera, width, height, fps, latencyStamp, allowAcrobatics, maxNavGoal, answerPings);
    }

    /** A copy with another navigation-goal limit, positive and finite. */
    public Go2Options withMaxNavGoal(double maxNavGoal) {
        positive("maxNavGoal", maxNavGoal);
        return new Go2Options(maxLinear, maxAngular, staleAfter, futureTolerance, watchdog, telemetryHz, odomHz,
                camera, width, height, fps, latencyStamp, allowAcrobatics, maxNavGoal, answerPings);
    }

    /** A copy that answers pings or not. */
    public Go2Options withAnswerPings(boolean answerPings) {
        return new Go2Options(maxLinear, maxAngular, staleAfter, futureTolerance, watchdog, telemetryHz, odomHz,
                camera, width, height, fps, latencyStamp, allowAcrobatics, maxNavGoal, answerPings);
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, was " + value);
        }
    }

    private static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }

    private static void even(String name, int value) {
        range(name, value, 64, 4096);
        if (value % 2 != 0) {
            throw new IllegalArgumentException(name + " must be even (encoders need it), was " + value);
        }
    }

    private static void checkStampFits(boolean stamp, int width) {
        if (stamp && width < LatencyStamp.MIN_WIDTH) {
            throw new IllegalArgumentException("the latency stamp needs a width of at least " + LatencyStamp.MIN_WIDTH
                    + ", was " + width);
        }
    }

    @Override
    public String toString() {
        return "Go2Options[maxLinear=" + maxLinear + ", maxAngular=" + maxAngular + ", staleAfter=" + staleAfter
                + ", futureTolerance=" + futureTolerance + ", watchdog=" + watchdog + ", telemetryHz=" + telemetryHz
                + ", odomHz=" + odomHz + ", camera=" + camera + " " + width + "x" + height + "@" + fps
                + ", latencyStamp=" + latencyStamp + ", allowAcrobatics=" + allowAcrobatics + ", maxNavGoal="
                + maxNavGoal + ", answerPings=" + answerPings + "]";
    }
}
