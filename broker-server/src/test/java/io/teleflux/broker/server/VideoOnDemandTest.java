package io.teleflux.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvoid.webrtc.RTCStatsType;
import io.teleflux.webrtc.NetworkNamespace;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import io.teleflux.webrtc.peer.PeerStats;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Video on demand in the relay, with real webrtc-java peers: a robot sending video with nobody watching costs the
 * relay no decoding (libwebrtc's own {@code framesDecoded} stays 0 while the robot's {@code framesSent} grows); a
 * bridge turns decoding on (with a keyframe request to the robot) and the frames reach the operator; when the last
 * forwarding bridge closes, decoding stops again, and the next operator gets the video again.
 */
@ExtendWith(NetworkNamespace.class)
class VideoOnDemandTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Frames the robot sends (at ~15 fps) while the test checks that the relay decodes none. */
    private static final long UNWATCHED_FRAMES = 30;

    private static PeerConnectionFactoryLease factory;
    private WebRtcRelay relay;

    @BeforeAll
    static void holdFactory() {
        factory = PeerConnectionFactoryLease.acquire();
    }

    @AfterAll
    static void releaseFactory() {
        factory.close();
    }

    @BeforeEach
    void start() {
        relay = new WebRtcRelay(BrokerOptions.defaults());
    }

    @AfterEach
    void stop() {
        relay.close().block(WAIT);
        assertThat(relay.livePeerConnections()).isZero();
    }

    @Test
    void decodesTheRobotsVideoOnlyWhileABridgeForwardsIt() {
        try (TestPeer robot = TestPeer.robot(true)) {
            robot.startCamera();
            RelayPeer robotLeg = (RelayPeer) relay.acceptRobot("s1", robot.offer()).block(WAIT);
            robot.applyAnswer(robotLeg.sdpAnswer());
            robot.awaitConnected();

            // (1) nobody watches: the robot sends, the relay decodes nothing
            assertUnwatched(robot, robotLeg);

            // (2) an operator and a viewer watch: decoded, forwarded, and the robot was asked for a keyframe
            long plisBefore = robotOutbound(robot, "pliCount").block(WAIT);
            try (TestPeer operator = TestPeer.operator(); TestPeer viewer = TestPeer.operator()) {
                Watcher op = watch(robotLeg, operator, true);
                awaitAtLeast(robotLeg::decodedFrames, 10);
                awaitAtLeast(() -> Mono.fromSupplier(operator::framesReceived), 10);
                assertThat(robotOutbound(robot, "pliCount").block(WAIT)).isGreaterThan(plisBefore);

                Watcher view = watch(robotLeg, viewer, false);
                awaitAtLeast(() -> Mono.fromSupplier(viewer::framesReceived), 5);

                // the operator leaves: the viewer still watches, so decoding goes on
                op.leave();
                long decoded = robotLeg.decodedFrames().block(WAIT);
                long viewed = viewer.framesReceived();
                awaitAtLeast(robotLeg::decodedFrames, decoded + 10);
                awaitAtLeast(() -> Mono.fromSupplier(viewer::framesReceived), viewed + 10);

                // (3) the viewer leaves too: nobody watches, decoding stops
                view.leave();
                assertUnwatched(robot, robotLeg);
            }

            // a later operator gets the video again
            try (TestPeer again = TestPeer.operator()) {
                Watcher w = watch(robotLeg, again, true);
                awaitAtLeast(() -> Mono.fromSupplier(again::framesReceived), 10);
                w.leave();
                assertUnwatched(robot, robotLeg);
            }
        }
    }

    @Test
    void aRobotWithoutVideoIsBridgedWithoutVideo() {
        try (TestPeer robot = TestPeer.robot(false); TestPeer operator = TestPeer.operator()) {
            RelayPeer robotLeg = (RelayPeer) relay.acceptRobot("s2", robot.offer()).block(WAIT);
            robot.applyAnswer(robotLeg.sdpAnswer());
            robot.awaitConnected();
            RelayPeer leg = (RelayPeer) relay.acceptOperator("s2", operator.offer()).block(WAIT);
            operator.applyAnswer(leg.sdpAnswer());
            StepVerifier.create(leg.whenConnected()).expectComplete().verify(WAIT);
            Relay.Bridge bridge = relay.bridge(robotLeg, leg, true).block(WAIT);
            assertThat(bridge.videoStatus()).isEqualTo("no_published_track");
            assertThat(bridge.videoOffer()).isNull();
            bridge.close();
            leg.close();
        }
    }

    /** Once video receive is off, the robot sends {@value #UNWATCHED_FRAMES} more frames and none is decoded. */
    private static void assertUnwatched(TestPeer robot, RelayPeer robotLeg) {
        StepVerifier.create(Flux.interval(Duration.ofMillis(20)).onBackpressureDrop()
                        .map(t -> robotLeg.receivesVideo()).filter(on -> !on).next())
                .expectNext(false)
                .expectComplete().verify(WAIT);
        long decoded = robotLeg.decodedFrames().block(WAIT);
        long sent = robotOutbound(robot, "framesSent").block(WAIT);
        awaitAtLeast(() -> robotOutbound(robot, "framesSent"), sent + UNWATCHED_FRAMES);
        assertThat(robotLeg.decodedFrames().block(WAIT)).isEqualTo(decoded).isZero();
    }

    /** A watcher's relay leg and bridge, with its video wired (the video offer answered). */
    private record Watcher(RelayPeer leg, Relay.Bridge bridge) {
        void leave() {
            bridge.close();
            leg.close();
        }
    }

    private Watcher watch(RelayPeer robotLeg, TestPeer operator, boolean control) {
        RelayPeer leg = (RelayPeer) relay.acceptOperator("s1", operator.offer()).block(WAIT);
        operator.applyAnswer(leg.sdpAnswer());
        StepVerifier.create(leg.whenConnected()).expectComplete().verify(WAIT);
        Relay.Bridge bridge = relay.bridge(robotLeg, leg, control).block(WAIT);
        assertThat(bridge.videoStatus()).isEqualTo("ok");
        StepVerifier.create(leg.acceptVideoAnswer(operator.answerOffer(bridge.videoOffer())))
                .expectComplete().verify(WAIT);
        return new Watcher(leg, bridge);
    }

    /** Polls {@code value} until it reaches {@code atLeast}. */
    private static void awaitAtLeast(Supplier<Mono<Long>> value, long atLeast) {
        StepVerifier.create(Flux.interval(Duration.ofMillis(50)).onBackpressureDrop()
                        .concatMap(t -> value.get()).filter(n -> n >= atLeast).next())
                .expectNextCount(1)
                .expectComplete().verify(WAIT);
    }

    /** A counter of the robot's outbound video RTP stream (0 before it exists). */
    private static Mono<Long> robotOutbound(TestPeer robot, String member) {
        return PeerStats.sample(robot.pc()).map(report -> report.getStats().values().stream()
                .filter(s -> s.getType() == RTCStatsType.OUTBOUND_RTP
                        && "video".equals(s.getAttributes().get("kind")))
                .map(s -> s.getAttributes().get(member))
                .filter(Number.class::isInstance)
                .mapToLong(n -> ((Number) n).longValue())
                .sum());
    }
}
