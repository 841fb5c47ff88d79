package io.teleflux.samples.go2;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.SessionClosedException;
import io.teleflux.Teleflux;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessage.Odom;
import io.teleflux.codecs.json.ControlMessage.Ping;
import io.teleflux.codecs.json.ControlMessage.Pong;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.Twist;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.spi.ProviderConfig;
import io.teleflux.video.Frame;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A simulated Unitree Go2, written as Reactor pipelines over a {@link Session}:
 * <ul>
 *   <li>{@code cmd_unreliable}: {@code TwistStamped} drive commands, through the command guard (stale, future,
 *   out-of-order and non-finite twists dropped; clamped; zeros only on the release edge) and a watchdog, into a
 *   kinematic body;</li>
 *   <li>{@code state_reliable}: E-stop, sport commands, navigation goals, {@code operator_lost}, pings;</li>
 *   <li>{@code state_reliable_back}: {@code cmd_ack}, {@code pong}, {@code robot_telemetry} at 3 Hz;</li>
 *   <li>{@code map_unreliable}: {@code odom} at 15 Hz;</li>
 *   <li>video: a rendered first-person camera, 640×480 I420 at 30 fps.</li>
 * </ul>
 * The robot works on any provider: {@link #serve(ProviderConfig)} connects and runs, {@link #run(Session)} runs on a
 * session you connected. Robot time is Unix time advancing with {@link Schedulers#parallel()} as it is when the
 * robot is created (a virtual-time scheduler in tests). One robot drives one body: run it on one session at a time.
 *
 * <pre>{@code
 * Go2Robot robot = Go2Robot.create(Go2Options.defaults());
 * robot.serve(LoopbackConfig.named("lab")).block();      // until the session closes
 * }</pre>
 */
public final class Go2Robot {

    private static final Logger log = LoggerFactory.getLogger(Go2Robot.class);

    private final Go2Options options;
    private final Go2Recorder recorder;
    private final RobotClock clock;
    private final Body body = new Body();
    private final Go2Controller controller;
    private final Camera camera;

    private Go2Robot(Go2Options options, Go2Recorder recorder) {
        this.options = Objects.requireNonNull(options, "options");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.clock = new RobotClock(Schedulers.parallel());
        this.controller = new Go2Controller(options, clock);
        this.camera = new Camera(options, body::pose, clock);
    }

    /** A robot at the origin, not connected. */
    public static Go2Robot create(Go2Options options) {
        return new Go2Robot(options, Go2Recorder.NONE);
    }

    /** A robot at the origin whose sessions are recorded by {@code recorder}. */
    public static Go2Robot create(Go2Options options, Go2Recorder recorder) {
        return new Go2Robot(options, recorder);
    }

    /**
     * Connects a robot session on {@code provider} with the standard channels, runs on it until it closes, and
     * disposes it; cancelling disposes it too. Cold.
     */
    public Mono<Void> serve(ProviderConfig provider) {
        Objects.requireNonNull(provider, "provider");
        return Mono.usingWhen(Teleflux.robot(provider).channels(Channels.STANDARD).connect(),
                this::run,
                Session::disposeLater);
    }

    /**
     * Runs the robot on {@code session} (a robot session with the standard channels). Cold; completes when the
     * session closes, and stops the body then. Cancelling stops the robot but leaves the session open.
     */
    public Mono<Void> run(Session session) {
        Objects.requireNonNull(session, "session");
        return Mono.defer(() -> {
            Mono<Void> closed = session.onClose();
            Flux<TwistStamped> twists = session.receive(Channels.CMD_UNRELIABLE, TwistStamped.TYPE);
            Flux<ControlMessage> control = session.receive(Channels.STATE_RELIABLE, ControlMessages.TYPE);
            Recording recording = new Recording(recorder);

            // Decisions move the body; what is left are the acks for the operator.
            Flux<ControlMessage> acks = controller.decide(twists, control)
                    .takeUntilOther(closed)
                    .doOnNext(effect -> {
                        if (effect instanceof Go2Controller.Move move) {
                            body.drive(move.twist(), controller.now());
                        }
                    })
                    .ofType(Go2Controller.Reply.class)
                    .map(Go2Controller.Reply::message);
            Flux<ControlMessage> pongs = options.answerPings()
                    ? control.ofType(Ping.class).map(ping -> Pong.reply(ping, controller.now()))
                    : Flux.empty();
            Flux<ControlMessage> telemetry = every(options.telemetryHz(), closed).map(tick -> controller.telemetry());
            Flux<ControlMessage> odometry = every(options.odomHz(), closed).map(tick -> odom());
            Flux<Frame> video = camera.frames().takeUntilOther(closed);

            // closing is the normal end: each part ends quietly, and the recorder's streams complete on close so it
            // can commit its last batch before the run completes
            return Mono.when(
                            endsOnClose(session.send(Channels.STATE_RELIABLE_BACK, ControlMessages.TYPE,
                                    recording.sent(Flux.merge(acks, pongs, telemetry)))),
                            endsOnClose(session.send(Channels.MAP_UNRELIABLE, ControlMessages.TYPE,
                                    recording.sent(odometry))),
                            options.camera() ? endsOnClose(sendVideo(session, recording.camera(video),
                                    recording.active())) : Mono.empty(),
                            recording.record(twists),
                            closed.doOnTerminate(recording::complete))
                    .doFinally(signal -> {
                        body.drive(Twist.ZERO, controller.now());
                        recording.complete();
                    });
        });
    }

    /**
     * Sends the camera. The session owns each frame it is given, and releases those that operators drop on the way
     * (providers add the discard hook). On a provider without video the camera still runs for a recorder, and is off
     * otherwise.
     */
    private Mono<Void> sendVideo(Session session, Flux<Frame> video, boolean recording) {
        return session.sendVideo(video)
                .onErrorResume(UnsupportedOperationException.class, e -> {
                    log.info("the provider carries no video ({})", e.getMessage());
                    // handle() emits nothing, so then() has no frame to discard: each one is released exactly once
                    return recording ? video.<Void>handle((frame, none) -> frame.release()).then() : Mono.empty();
                });
    }

    /** Ticks at {@code hz} until the session closes; a tick the transport is not ready for is skipped. */
    private Flux<Long> every(int hz, Mono<Void> closed) {
        return Flux.interval(Duration.ofNanos(1_000_000_000L / hz), clock.scheduler())
                .onBackpressureDrop()
                .takeUntilOther(closed);
    }

    private Odom odom() {
        double now = controller.now();
        Pose p = body.pose(now);
        return new Odom(p.x(), p.y(), p.yaw(), now);
    }

    /**
     * The camera as a cold stream of frames rendered from the robot's pose, independent of any session: each
     * subscriber gets its own renderer and owns (releases) each frame.
     */
    public Flux<Frame> camera() {
        return camera.frames();
    }

    /** The body's pose now. */
    public Pose pose() {
        return body.pose(controller.now());
    }

    /** Whether the body holds a non-zero commanded velocity now (for tests that time a stop). */
    boolean moving() {
        return body.moving();
    }

    /** Whether the E-stop is latched. */
    public boolean estopped() {
        return controller.estopped();
    }

    /** What the command guard did so far. */
    public GuardStats stats() {
        return controller.stats();
    }

    /** The options this robot runs with. */
    public Go2Options options() {
        return options;
    }

    /** A part of the run that ends quietly when the session closes under it. */
    private static Mono<Void> endsOnClose(Mono<Void> part) {
        return part.onErrorResume(SessionClosedException.class, e -> Mono.empty());
    }
}
