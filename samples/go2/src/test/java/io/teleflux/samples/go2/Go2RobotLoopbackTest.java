package io.teleflux.samples.go2;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessage.CmdAck;
import io.teleflux.codecs.json.ControlMessage.Estop;
import io.teleflux.codecs.json.ControlMessage.Odom;
import io.teleflux.codecs.json.ControlMessage.Ping;
import io.teleflux.codecs.json.ControlMessage.Pong;
import io.teleflux.codecs.json.ControlMessage.RobotTelemetry;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.Header;
import io.teleflux.codecs.lcm.StdTime;
import io.teleflux.codecs.lcm.Twist;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import io.teleflux.loopback.LoopbackConfig;
import io.teleflux.video.Frames;
import io.teleflux.video.PixelFormat;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The robot and an operator in one JVM over the loopback provider (data channels and video), in real time. */
class Go2RobotLoopbackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final LoopbackConfig link = LoopbackConfig.named("go2-" + UUID.randomUUID());
    private final Disposable.Composite background = Disposables.composite();   // pipelines the tests start
    private Session robotSession;
    private Session operator;

    @BeforeEach
    void connect() {
        robotSession = Teleflux.robot(link).connectNow(TIMEOUT);
        operator = Teleflux.operator(link).connectNow(TIMEOUT);
    }

    @AfterEach
    void close() {
        background.dispose();
        operator.disposeNow(TIMEOUT);
        robotSession.disposeNow(TIMEOUT);
    }

    /** Forward at {@code speed} m/s, 80 Hz, stamped in robot time (same clock here), then the release zero. */
    private static Flux<TwistStamped> forward(double speed, Duration duration) {
        Flux<Double> speeds = Flux.interval(Duration.ofMillis(1000 / 80)).take(duration).map(tick -> speed)
                .concatWith(Mono.just(0.0));
        return speeds.index((seq, v) -> new TwistStamped(
                new Header(seq.intValue(), StdTime.ofSeconds(System.currentTimeMillis() / 1000.0), "keyboard"),
                new Twist(new Vector3(v, 0, 0), Vector3.ZERO)));
    }

    /** The picture of the next frame the operator receives over the link's video track. */
    private byte[] nextPicture() {
        byte[] picture = Frames.releaseOnDiscard(operator.receiveVideo())
                .map(frame -> {
                    try (frame) {
                        assertThat(frame.info().format()).isEqualTo(PixelFormat.I420);
                        assertThat(frame.width()).isEqualTo(640);
                        byte[] copy = new byte[frame.info().bufferSize()];
                        frame.data().get(copy);
                        return copy;
                    }
                })
                .blockFirst(TIMEOUT);
        assertThat(picture).isNotNull();
        return picture;
    }

    @Test
    void twoSecondsForwardMoveTheOdometryAtLeastAMetreAndChangeTheView() {
        Go2Robot robot = Go2Robot.create(Go2Options.defaults());
        background.add(robot.run(robotSession).subscribe());
        byte[] before = nextPicture();
        assertThat(nextPicture()).isEqualTo(before);                      // standing still: the same picture

        Mono<Void> driving = operator.send(Channels.CMD_UNRELIABLE, TwistStamped.TYPE,
                forward(1.0, Duration.ofSeconds(2))).cache();
        StepVerifier.create(operator.receive(Channels.MAP_UNRELIABLE, ControlMessages.of(Odom.class)))
                .then(() -> background.add(driving.subscribe()))         // once the odometry subscriber is in
                .thenConsumeWhile(odom -> odom.x() < 1.0)
                .assertNext(odom -> {
                    assertThat(odom.x()).isGreaterThanOrEqualTo(1.0);
                    assertThat(odom.y()).isEqualTo(0.0);
                })
                .thenCancel()
                .verify(TIMEOUT);
        StepVerifier.create(driving).expectComplete().verify(TIMEOUT);     // the same (cached) drive, finished

        // The operator released the keys at the end: the release-edge zero stopped the robot, so two odometry
        // messages in a row agree, short of 2.6 m (2 s at 1 m/s, plus scheduling slack).
        StepVerifier.create(operator.receive(Channels.MAP_UNRELIABLE, ControlMessages.of(Odom.class))
                        .buffer(2, 1)
                        .filter(pair -> pair.size() == 2 && pair.get(1).x() == pair.get(0).x()))
                .assertNext(stopped -> assertThat(stopped.get(1).x()).isBetween(1.0, 2.6))
                .thenCancel()
                .verify(TIMEOUT);
        GuardStats stats = robot.stats();
        assertThat(stats.moves()).isGreaterThan(100);
        assertThat(stats.releases() + stats.watchdogStops()).isGreaterThanOrEqualTo(1);
        assertThat(stats.stale() + stats.future() + stats.outOfOrder()).isZero();
        assertThat(nextPicture()).isNotEqualTo(before);                   // the camera moved with the robot
    }

    @Test
    void estopIsAckedReportedInTelemetryAndPingsAreAnswered() {
        Go2Robot robot = Go2Robot.create(Go2Options.defaults());
        background.add(robot.run(robotSession).subscribe());
        Flux<ControlMessage> back = operator.receive(Channels.STATE_RELIABLE_BACK, ControlMessages.TYPE)
                .filter(m -> m instanceof CmdAck || m instanceof Pong
                        || m instanceof RobotTelemetry t && t.estopped());
        StepVerifier.create(back)
                .then(() -> background.add(operator.send(Channels.STATE_RELIABLE, ControlMessages.TYPE,
                        Flux.just(new Ping(12.5), new Estop(ControlMessages.nonce("e-1")))).subscribe()))
                .assertNext(pong -> assertThat(((Pong) pong).clientTs()).isEqualTo(12.5))
                .expectNext(new CmdAck(ControlMessages.nonce("e-1"), true))
                .assertNext(telemetry -> assertThat(((RobotTelemetry) telemetry).posture()).contains("damp"))
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(robot.estopped()).isTrue();
    }

    @Test
    void theRecorderSeesCommandsSentMessagesAndCameraFrames() {
        Sinks.Many<Object> recorded = Sinks.many().replay().all();
        Go2Recorder recorder = (commands, sent, camera) -> Mono.when(
                commands.doOnNext(recorded::tryEmitNext).then(),
                sent.doOnNext(recorded::tryEmitNext).then(),
                camera.doOnNext(frame -> {
                    recorded.tryEmitNext(frame.info());
                    frame.release();
                }).then());
        Go2Robot robot = Go2Robot.create(Go2Options.defaults(), recorder);
        background.add(robot.run(robotSession).subscribe());
        background.add(operator.send(Channels.CMD_UNRELIABLE, TwistStamped.TYPE,
                forward(0.5, Duration.ofMillis(200))).subscribe());

        StepVerifier.create(recorded.asFlux().map(Object::getClass).distinct().take(4).collectList())
                .assertNext(kinds -> assertThat(kinds).contains(TwistStamped.class, Odom.class, RobotTelemetry.class,
                        io.teleflux.video.FrameInfo.class))
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void theStoreRecorderWritesCommandsSentMessagesAndCameraToOneFile(@org.junit.jupiter.api.io.TempDir
                                                                       java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("go2.db");
        Go2Robot robot = Go2Robot.create(Go2Options.defaults(), new StoreRecorder(file));
        StepVerifier.create(robot.run(robotSession)
                        .and(operator.send(Channels.CMD_UNRELIABLE, TwistStamped.TYPE,
                                // inbound streams are hot: long enough to outlast the store's first open (natives)
                                forward(0.5, Duration.ofMillis(2500)))
                                .then(Mono.delay(Duration.ofMillis(300)))
                                .doOnSuccess(done -> robotSession.dispose())))
                .expectComplete()
                .verify(TIMEOUT);

        try (io.teleflux.store.Store store = io.teleflux.store.Store.openReadOnly(file)) {
            assertThat(store.stream("commands", io.teleflux.store.StreamType.messages(TwistStamped.TYPE))
                    .info().count()).isGreaterThan(10);
            assertThat(store.stream("sent", io.teleflux.store.StreamType.messages(
                    io.teleflux.codecs.json.ControlMessages.TYPE)).info().count()).isGreaterThan(3);
            assertThat(store.stream("camera", io.teleflux.store.StreamType.h264()).info().count())
                    .isGreaterThan(5);
        }
    }

    @Test
    void theRobotStopsAndCompletesWhenTheSessionCloses() {
        Go2Robot robot = Go2Robot.create(Go2Options.defaults());
        background.add(operator.send(Channels.CMD_UNRELIABLE, TwistStamped.TYPE,
                forward(1.0, Duration.ofSeconds(5))).subscribe());
        StepVerifier.create(robot.run(robotSession))
                .then(() -> Mono.delay(Duration.ofMillis(300)).subscribe(tick -> robotSession.dispose()))
                .expectComplete()
                .verify(TIMEOUT);
        double x = robot.pose().x();
        assertThat(x).isGreaterThan(0);
        StepVerifier.create(Mono.delay(Duration.ofMillis(200)).map(tick -> robot.pose().x()))
                .expectNext(x)                                                // stopped: the pose holds
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void serveConnectsRunsAndClosesItsOwnSession() {
        LoopbackConfig other = LoopbackConfig.named("go2-serve-" + UUID.randomUUID());
        Session watcher = Teleflux.operator(other).connectNow(TIMEOUT);
        try {
            Disposable serving = Go2Robot.create(Go2Options.defaults().withCamera(false)).serve(other).subscribe();
            StepVerifier.create(watcher.receive(Channels.MAP_UNRELIABLE, ControlMessages.of(Odom.class)).take(3))
                    .expectNextCount(3)
                    .expectComplete()
                    .verify(TIMEOUT);
            serving.dispose();                                             // closes the robot's session
            StepVerifier.create(watcher.receive(Channels.MAP_UNRELIABLE, ControlMessages.of(Odom.class)))
                    .expectSubscription()
                    .expectNoEvent(Duration.ofMillis(500))                 // 15 Hz odometry would have arrived
                    .thenCancel()
                    .verify(TIMEOUT);
        } finally {
            watcher.disposeNow(TIMEOUT);
        }
    }
}
