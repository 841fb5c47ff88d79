package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.SessionClosedException;
import io.teleflux.Teleflux;
import io.teleflux.broker.server.RobotKey;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.PixelFormat;
import io.teleflux.webrtc.NetworkNamespace;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Java robot ⇄ embedded broker (with its WebRTC relay) ⇄ Java operator. */
@ExtendWith(NetworkNamespace.class)
class BrokerEndToEndTest {

    private static final Duration T = Duration.ofSeconds(20);
    private static final String ALICE = "alice@example.org";

    private static BrokerFixture broker;
    private final java.util.List<Session> open = new java.util.ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = BrokerFixture.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void closeSessions() {
        Flux.fromIterable(open).flatMap(Session::disposeLater).blockLast(T);
        open.clear();
    }

    private Session robot(BrokerConfig config) {
        Session s = Teleflux.robot(config).connect().block(T);
        open.add(s);
        return s;
    }

    private Session operator(OperatorConfig config) {
        Session s = Teleflux.operator(config).connect().block(T);
        open.add(s);
        return s;
    }

    /** Waits until the robot has opened every bridged channel. */
    private static void awaitOperator(Session robot, boolean present) {
        StepVerifier.create(BrokerSessions.operatorPresence(robot).filter(p -> p == present).take(1))
                .expectNext(present).expectComplete().verify(T);
    }

    @Test
    void commandsTelemetryAndPingsFlowThroughTheBroker() {
        RobotKey key = broker.robotKey(ALICE);
        Session robot = robot(broker.robot(key));
        assertThat(BrokerSessions.sessionId(robot)).isPresent();
        Session operator = operator(broker.operator(key, ALICE));
        awaitOperator(robot, true);

        // operator → robot: LCM twists on cmd_unreliable
        StepVerifier.create(robot.receive(Channels.CMD_UNRELIABLE, TwistStamped.TYPE).take(3))
                .then(() -> operator.send(Channels.CMD_UNRELIABLE, TwistStamped.TYPE,
                        Flux.interval(Duration.ofMillis(20)).take(50).map(i -> TwistStamped.of(i.intValue(), 0, 0,
                                "keyboard", new Vector3(0.5, 0, 0), Vector3.ZERO)))
                        .onErrorComplete(SessionClosedException.class).subscribe())
                .thenConsumeWhile(t -> t.twist().linear().x() == 0.5)
                .expectComplete()
                .verify(T);

        // robot → operator: telemetry in order on state_reliable_back
        StepVerifier.create(operator.receive(Channels.STATE_RELIABLE_BACK).take(20)
                        .map(b -> new String(b, StandardCharsets.UTF_8)).collectList())
                .then(() -> robot.send(Channels.STATE_RELIABLE_BACK, Flux.range(0, 20)
                        .map(i -> ("{\"type\":\"robot_telemetry\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)))
                        .subscribe())
                .assertNext(list -> assertThat(list).hasSize(20).first().asString().contains("\"n\":0"))
                .expectComplete()
                .verify(T);

        // a ping is answered inline by the robot with a pong, and still delivered to robot subscribers
        Mono<ControlMessage> pingAtRobot = robot.receive(Channels.STATE_RELIABLE, ControlMessages.TYPE).next();
        StepVerifier.create(Mono.zip(operator.receive(Channels.STATE_RELIABLE_BACK,
                        ControlMessages.of(ControlMessage.Pong.class)).next(), pingAtRobot))
                .then(() -> operator.send(Channels.STATE_RELIABLE, ControlMessages.TYPE,
                        Mono.just(new ControlMessage.Ping(123.25))).subscribe())
                .assertNext(t -> {
                    assertThat(t.getT1().clientTs()).isEqualTo(123.25);
                    assertThat(t.getT1().robotTs()).isCloseTo(RobotClock.localNow(), org.assertj.core.data.Offset.offset(5.0));
                    assertThat(t.getT2()).isEqualTo(new ControlMessage.Ping(123.25));
                })
                .expectComplete()
                .verify(T);

        // clock sync from the robot's pongs: same machine, so the offset is about zero
        RobotClock clock = RobotClock.sync(operator);
        try {
            StepVerifier.create(clock.synced()).expectNext(clock).expectComplete().verify(T);
            assertThat(clock.rttSeconds()).isBetween(0.0, 1.0);
            assertThat(Math.abs(clock.offsetSeconds())).isLessThan(0.05);
            TwistStamped stamped = clock.twist(7, "keyboard", new Vector3(0.2, 0, 0), Vector3.ZERO);
            assertThat(stamped.header().stamp().toSeconds()).isCloseTo(RobotClock.localNow(),
                    org.assertj.core.data.Offset.offset(0.1));
        } finally {
            clock.dispose();
        }
    }

    @Test
    void robotVideoFramesReachTheOperator() {
        RobotKey key = broker.robotKey(ALICE);
        Session robot = robot(broker.robot(key).withVideo(true));
        // the camera runs before anyone watches, as on a robot (an SFU learns the track from its RTP)
        Flux<Frame> camera = Flux.interval(Duration.ofMillis(33)).map(i -> grey(320, 240, (int) (i * 7 % 200)));
        reactor.core.Disposable streaming = robot.sendVideo(camera).subscribe();
        try {
            Session operator = operator(broker.operator(key, ALICE).withVideo(true));
            StepVerifier.create(operator.receiveVideo().take(3).doOnNext(Frame::release).map(Frame::width))
                    .expectNext(320, 320, 320)
                    .expectComplete()
                    .verify(T);
        } finally {
            streaming.dispose();
        }
    }

    /** An I420 frame of one luma value. */
    private static Frame grey(int w, int h, int luma) {
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(w * h * 3 / 2);
        for (int i = 0; i < w * h; i++) {
            data.put((byte) luma);
        }
        while (data.hasRemaining()) {
            data.put((byte) 128);
        }
        data.flip();
        return Frame.wrap(FrameInfo.of(PixelFormat.I420, w, h), data);
    }

    @Test
    void outboundWithoutOperatorIsDroppedAndCountedNeverFailed() {
        RobotKey key = broker.robotKey(ALICE);
        Session robot = robot(broker.robot(key));
        StepVerifier.create(robot.send(Channels.MAP_UNRELIABLE, Flux.range(0, 5).map(i -> new byte[] {'{', '}'})))
                .expectComplete().verify(T);
        assertThat(robot.stats(Channels.MAP_UNRELIABLE).droppedOutbound()).isEqualTo(5);
        assertThat(robot.stats(Channels.MAP_UNRELIABLE).sent()).isEqualTo(5);
    }

    @Test
    void operatorLeaveInjectsOperatorLostAndRejoinReopensOnFreshIds() {
        RobotKey key = broker.robotKey(ALICE);
        Session robot = robot(broker.robot(key));
        Session first = operator(broker.operator(key, ALICE));
        awaitOperator(robot, true);
        StepVerifier.create(robot.receive(Channels.STATE_RELIABLE).take(1)
                        .map(b -> new String(b, StandardCharsets.UTF_8)))
                .then(() -> first.dispose())
                .expectNext("{\"type\": \"operator_lost\"}")
                .expectComplete()
                .verify(T);
        awaitOperator(robot, false);
        Session second = operator(broker.operator(key, ALICE));
        awaitOperator(robot, true);
        StepVerifier.create(second.receive(Channels.STATE_RELIABLE_BACK).take(1))
                .then(() -> robot.send(Channels.STATE_RELIABLE_BACK, Mono.just("{}".getBytes(StandardCharsets.UTF_8)))
                        .subscribe())
                .expectNextCount(1)
                .expectComplete()
                .verify(T);
        assertThat(List.of(first.isDisposed(), second.isDisposed())).containsExactly(true, false);
    }
}
