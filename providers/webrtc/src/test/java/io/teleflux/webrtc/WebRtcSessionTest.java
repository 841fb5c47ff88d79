package io.teleflux.webrtc;

import static io.teleflux.webrtc.TestLinks.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.ChannelSpec;
import io.teleflux.ChannelStats;
import io.teleflux.Channels;
import io.teleflux.ConnectionState;
import io.teleflux.MessageTooLargeException;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.TelefluxException;
import io.teleflux.spi.ProviderRegistry;
import io.teleflux.webrtc.peer.DataChannelBinding;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/** Behaviour of the WebRTC provider beyond the TCK: limits, flow control, stats, failures, closing. */
@ExtendWith(NetworkNamespace.class)
class WebRtcSessionTest {

    private Tuple2<Session, Session> pair;

    @AfterEach
    void close() {
        if (pair != null) {
            TestLinks.close(pair);
        }
    }

    @Test
    void statsReportTrafficRoundTripTimeAndTheHostCandidatePair() {
        pair = TestLinks.connect(Channels.STANDARD);
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        StepVerifier.create(operator.send(Channels.STATE_RELIABLE, Flux.range(0, 100).map(i -> new byte[16])))
                .expectComplete().verify(TIMEOUT);
        TestLinks.await("robot received 100", () -> robot.stats(Channels.STATE_RELIABLE).received() == 100, TIMEOUT);

        StepVerifier.create(WebRtcSessions.stats(operator, Duration.ofMillis(50))
                        .filter(s -> s.roundTripTime().isPresent() && s.selectedCandidatePair().isPresent())
                        .take(1))
                .assertNext(s -> {
                    assertThat(s.messagesSent()).isEqualTo(100);
                    assertThat(s.bytesSent()).isEqualTo(1600);
                    assertThat(s.roundTripTime().get()).isLessThan(Duration.ofSeconds(1));
                    WebRtcStats.CandidatePair p = s.selectedCandidatePair().get();
                    assertThat(p.localType()).isEqualTo("host");
                    assertThat(p.remoteType()).isEqualTo("host");
                    assertThat(p.localAddress()).startsWith("10.77.0.1:");
                })
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(WebRtcSessions.stats(robot, Duration.ofMillis(50)).take(1))
                .assertNext(s -> {
                    assertThat(s.messagesReceived()).isEqualTo(100);
                    assertThat(s.bytesReceived()).isEqualTo(1600);
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void statsCompleteWhenTheSessionCloses() {
        pair = TestLinks.connect(List.of(Channels.STATE_RELIABLE));
        Session robot = pair.getT1();
        StepVerifier.create(WebRtcSessions.stats(robot, Duration.ofMillis(20)))
                .expectNextCount(1)
                .then(robot::dispose)
                .thenConsumeWhile(s -> true)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void payloadAboveThePeersMaxMessageSizeFailsTheSendAndTheChannelStaysUsable() {
        ChannelSpec big = Channels.STATE_RELIABLE.withMaxMessageSize(1024 * 1024);
        pair = TestLinks.connect(List.of(big));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        StepVerifier.create(operator.send(big, Flux.just(TestLinks.payload(0, 1000), new byte[300 * 1024])))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MessageTooLargeException.class)
                        .hasMessageContaining("307200").hasMessageContaining("262144"))
                .verify(TIMEOUT);
        // the payload before the oversized one was sent; exactly the peer's limit still goes through, intact
        TestLinks.await("first payload", () -> robot.stats(big).received() == 1, TIMEOUT);
        StepVerifier.create(robot.receive(big).map(TestLinks::index).take(1))
                .then(() -> operator.send(big, Flux.just(TestLinks.payload(7, 262_144))).subscribe())
                .expectNext(7)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void reliableChannelWaitsAboveTheHighWaterMarkAndDeliversEverythingInOrder() {
        int mark = 64 * 1024;
        int size = 64 * 1024;
        int n = 300;
        InProcessSignaling s = TestLinks.signaling("flow");
        pair = TestLinks.connect(WebRtcConfig.of(s.robot()).withSendHighWaterMark(mark),
                WebRtcConfig.of(s.operator()).withSendHighWaterMark(mark), List.of(Channels.STATE_RELIABLE));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        long t0 = System.nanoTime();
        StepVerifier.create(robot.receive(Channels.STATE_RELIABLE).map(TestLinks::index).take(n).collectList())
                .then(() -> operator.send(Channels.STATE_RELIABLE,
                        Flux.range(0, n).map(i -> TestLinks.payload(i, size))).subscribe())
                .assertNext(list -> assertThat(list).containsExactlyElementsOf(IntStream.range(0, n).boxed().toList()))
                .expectComplete()
                .verify(TIMEOUT);
        double seconds = (System.nanoTime() - t0) / 1e9;
        DataChannelBinding sender = WebRtcEndpoint.of(operator).sender(Channels.STATE_RELIABLE.name());
        System.out.printf("reliable 64 KiB: %.1f MB/s, %d waits, max buffered %d B%n",
                n * (double) size / seconds / 1e6, sender.waits(), sender.maxBufferedSeen());
        assertThat(sender.waits()).as("waits at the high-water mark").isPositive();
        assertThat(sender.maxBufferedSeen()).isLessThanOrEqualTo(mark + DataChannelBinding.CHECK_BYTES + size);
    }

    @Test
    void unreliableChannelDropsAboveTheHighWaterMarkAndCountsTheDrops() {
        ChannelSpec cmd = Channels.CMD_UNRELIABLE;
        InProcessSignaling s = TestLinks.signaling("drop");
        int mark = 16 * 1024;
        pair = TestLinks.connect(WebRtcConfig.of(s.robot()).withSendHighWaterMark(mark),
                WebRtcConfig.of(s.operator()).withSendHighWaterMark(mark), List.of(cmd));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        int n = 2000;
        StepVerifier.create(operator.send(cmd, Flux.range(0, n).map(i -> TestLinks.payload(i, 16 * 1024))))
                .expectComplete()
                .verify(TIMEOUT);
        ChannelStats sent = operator.stats(cmd);
        assertThat(sent.sent()).isEqualTo(n);
        assertThat(sent.droppedOutbound()).as("dropped at the mark").isPositive().isLessThan(n);
        TestLinks.await("something arrived", () -> robot.stats(cmd).received() > 0, TIMEOUT);
        System.out.printf("unreliable 16 KiB burst of %d: %d dropped by the sender%n", n, sent.droppedOutbound());
    }

    @Test
    void differentChannelDeclarationsAreRefusedOnBothEnds() {
        InProcessSignaling s = TestLinks.signaling("mismatch");
        Mono<Session> robot = Teleflux.robot(WebRtcConfig.of(s.robot())).channel(Channels.STATE_RELIABLE).connect();
        Mono<Session> operator = Teleflux.operator(WebRtcConfig.of(s.operator()))
                .channels(List.of(Channels.STATE_RELIABLE, Channels.CMD_UNRELIABLE)).connect();
        StepVerifier.create(Mono.zip(robot.materialize(), operator.materialize()))
                .assertNext(t -> {
                    assertThat(t.getT1().getThrowable()).isInstanceOf(TelefluxException.class)
                            .hasMessageContaining("declared channels");
                    assertThat(t.getT2().getThrowable()).isInstanceOf(TelefluxException.class)
                            .hasMessageContaining("declared channels");
                })
                .expectComplete()
                .verify(TIMEOUT);
        TestLinks.await("peer connections released", () -> PeerConnectionFactoryLease.livePeerConnections() == 0,
                TIMEOUT);
    }

    @Test
    void connectWithoutAPeerTimesOutAndReleasesEverything() {
        WebRtcConfig lonely = WebRtcConfig.of(TestLinks.signaling("lonely").robot())
                .withConnectTimeout(Duration.ofMillis(300));
        StepVerifier.create(Teleflux.robot(lonely).connect())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TelefluxException.class)
                        .hasMessageContaining("did not connect within"))
                .verify(TIMEOUT);
        TestLinks.await("provider released", () -> !ProviderRegistry.global().isActive(lonely), TIMEOUT);
        assertThat(PeerConnectionFactoryLease.isFactoryActive()).isFalse();
    }

    @Test
    void anEndUsedByTheWrongRoleFailsTheConnect() {
        WebRtcConfig robotEnd = WebRtcConfig.of(TestLinks.signaling("wrong-role").robot());
        StepVerifier.create(Teleflux.operator(robotEnd).channel(Channels.STATE_RELIABLE).connect())
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("ROBOT"))
                .verify(TIMEOUT);
        TestLinks.await("provider released", () -> !ProviderRegistry.global().isActive(robotEnd), TIMEOUT);
    }

    @Test
    void closingOneEndClosesThePeer() {
        pair = TestLinks.connect(List.of(Channels.STATE_RELIABLE));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        StepVerifier.create(operator.states())
                .expectNext(ConnectionState.CONNECTED)
                .then(robot::dispose)
                .thenConsumeWhile(state -> state != ConnectionState.CLOSED)
                .expectNext(ConnectionState.CLOSED)
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(operator.onClose()).expectComplete().verify(TIMEOUT);
    }
}
