package io.teleflux.samples.go2;

import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessage.NavGoal;
import io.teleflux.codecs.json.ControlMessage.OperatorLost;
import io.teleflux.codecs.json.ControlMessage.RobotTelemetry;
import io.teleflux.codecs.lcm.Twist;
import io.teleflux.codecs.lcm.TwistStamped;
import java.util.List;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * The robot's decisions: operator input in, {@link Move motion} for the body and {@link Reply replies} for the
 * operator out. Twists pass the {@link DriveGuard} (and nothing passes while the E-stop is latched); commands go to
 * {@link Go2Commands}; {@code operator_lost} stops the robot; a watchdog stops it when motion commands stop coming.
 *
 * <p>All input is merged into one stream before any decision is taken, so decisions are serialised in arrival order:
 * a twist can never overtake the E-stop that preceded it. Time is the robot's clock (virtual in tests).
 */
final class Go2Controller {

    private static final Logger log = LoggerFactory.getLogger(Go2Controller.class);

    /** What the controller decided. */
    sealed interface Effect permits Move, Reply {
    }

    /** Set the body's velocity (already clamped). */
    record Move(Twist twist) implements Effect {
        static final Move STOP = new Move(Twist.ZERO);
    }

    /** Send {@code message} to the operator on {@code state_reliable_back}. */
    record Reply(ControlMessage message) implements Effect {
    }

    private final Go2Options options;
    private final RobotClock clock;
    private final DriveGuard guard;
    private final CommandStats link = new CommandStats();
    private final long[] verdicts = new long[DriveGuard.Verdict.values().length];
    private final Go2Commands commands;
    private final double watchdogSeconds;
    private long watchdogStops;
    private boolean moving;
    private double lastMotionAt;
    private long whileEstopped;

    Go2Controller(Go2Options options, RobotClock clock) {
        this.options = options;
        this.clock = clock;
        this.guard = new DriveGuard(options);
        this.commands = new Go2Commands(options);
        this.watchdogSeconds = options.watchdog().toNanos() / 1e9;
    }

    /**
     * The decisions for one operator link. Never completes by itself (the watchdog keeps ticking): cut it with
     * {@code takeUntilOther} or cancel it.
     */
    Flux<Effect> decide(Flux<TwistStamped> twists, Flux<ControlMessage> control) {
        // The watchdog is one more input: a tick, four per timeout, that stops motion no fresh command renewed.
        Flux<Watchdog> ticks = Flux.interval(options.watchdog().dividedBy(4), clock.scheduler())
                .onBackpressureDrop()
                .map(tick -> Watchdog.TICK);
        return Flux.<Object>merge(twists, control, ticks)      // one serial stream: decisions never race
                .concatMapIterable(this::handle);
    }

    private enum Watchdog { TICK }

    private synchronized List<Effect> handle(Object input) {
        double now = now();
        List<Effect> effects;
        if (input instanceof TwistStamped cmd) {
            effects = onTwist(cmd, now);
        } else if (input instanceof ControlMessage message) {
            effects = onControl(message);
        } else {
            effects = onTick(now);
        }
        for (Effect effect : effects) {                          // the watchdog's view of the body
            if (effect instanceof Move move) {
                moving = !DriveGuard.isZero(move.twist());
                lastMotionAt = now;
            }
        }
        return effects;
    }

    private List<Effect> onTick(double now) {
        if (!moving || now - lastMotionAt < watchdogSeconds) {
            return List.of();
        }
        watchdogStops++;
        log.info("no fresh drive command for {} ms: stopping", options.watchdog().toMillis());
        return List.of(Move.STOP);
    }

    private List<Effect> onTwist(TwistStamped cmd, double now) {
        link.record(now, cmd.header().stamp().toSeconds());
        if (commands.estopped()) {
            whileEstopped++;
            return List.of();
        }
        DriveGuard.Verdict verdict = guard.check(cmd, now);
        verdicts[verdict.ordinal()]++;
        return switch (verdict) {
            case MOVE -> List.of(new Move(guard.clamp(cmd.twist())));
            case RELEASE -> List.of(Move.STOP);
            default -> List.of();
        };
    }

    private List<Effect> onControl(ControlMessage message) {
        if (message instanceof OperatorLost) {
            log.warn("operator lost: stopping");
            guard.reset();
            return List.of(Move.STOP);
        }
        return commands.on(message);
    }

    /** The current {@code robot_telemetry}. */
    synchronized RobotTelemetry telemetry() {
        double now = now();
        return new RobotTelemetry(link.snapshot(now), OptionalDouble.empty(), commands.state(), now);
    }

    synchronized boolean estopped() {
        return commands.estopped();
    }

    /** The active navigation goal, or {@code null}. */
    synchronized NavGoal goal() {
        return commands.goal();
    }

    synchronized GuardStats stats() {
        return new GuardStats(count(DriveGuard.Verdict.MOVE), count(DriveGuard.Verdict.RELEASE),
                count(DriveGuard.Verdict.IDLE), count(DriveGuard.Verdict.STALE), count(DriveGuard.Verdict.FUTURE),
                count(DriveGuard.Verdict.OUT_OF_ORDER), count(DriveGuard.Verdict.NON_FINITE), whileEstopped,
                watchdogStops, commands.acked(), commands.refused(), commands.duplicates());
    }

    private long count(DriveGuard.Verdict v) {
        return verdicts[v.ordinal()];
    }

    /** Robot time, Unix seconds. */
    double now() {
        return clock.seconds();
    }
}
