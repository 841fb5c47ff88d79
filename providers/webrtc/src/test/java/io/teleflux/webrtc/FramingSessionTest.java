package io.teleflux.webrtc;

import static io.teleflux.webrtc.TestLinks.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.BackpressurePolicy;
import io.teleflux.ChannelSpec;
import io.teleflux.Channels;
import io.teleflux.Direction;
import io.teleflux.MessageTooLargeException;
import io.teleflux.Qos;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.webrtc.peer.DataChannelBinding;
import io.teleflux.webrtc.peer.Framing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/** Fragmentation and coalescing between two teleflux ends, and the plain wire when only one end enables them. */
@ExtendWith(NetworkNamespace.class)
class FramingSessionTest {

    private static final int FOUR_MIB = 4 << 20;
    private static final ChannelSpec BIG = ChannelSpec.of("big", Direction.OPERATOR_TO_ROBOT)
            .withMaxMessageSize(FOUR_MIB);

    private Tuple2<Session, Session> pair;

    @AfterEach
    void close() {
        if (pair != null) {
            TestLinks.close(pair);
        }
    }

    private Tuple2<Session, Session> connect(boolean robotFragments, boolean robotCoalesces, boolean operatorFragments,
                                             boolean operatorCoalesces, List<ChannelSpec> robotChannels,
                                             List<ChannelSpec> operatorChannels) {
        InProcessSignaling s = TestLinks.signaling("framing");
        WebRtcConfig robot = WebRtcConfig.of(s.robot()).withFragmentation(robotFragments)
                .withCoalescing(robotCoalesces);
        WebRtcConfig operator = WebRtcConfig.of(s.operator()).withFragmentation(operatorFragments)
                .withCoalescing(operatorCoalesces);
        pair = Mono.zip(
                Teleflux.robot(robot).channels(robotChannels).connect(),
                Teleflux.operator(operator).channels(operatorChannels).connect()).block(TIMEOUT);
        assertThat(pair).isNotNull();
        return pair;
    }

    private static List<byte[]> randomPayloads(long seed, int... sizes) {
        Random random = new Random(seed);
        List<byte[]> payloads = new ArrayList<>();
        for (int size : sizes) {
            byte[] p = new byte[size];
            random.nextBytes(p);
            payloads.add(p);
        }
        return payloads;
    }

    /** Sends {@code payloads} from the operator on {@code channel} and checks they arrive byte-identical, in order. */
    private static void sendAndExpect(Session robot, Session operator, ChannelSpec channel, List<byte[]> payloads) {
        StepVerifier.create(robot.receive(channel).take(payloads.size()).collectList())
                .then(() -> operator.send(channel, Flux.fromIterable(payloads)).subscribe())
                .assertNext(got -> {
                    assertThat(got).hasSameSizeAs(payloads);
                    for (int i = 0; i < got.size(); i++) {
                        assertThat(got.get(i)).as("payload %d of %d B", i, payloads.get(i).length)
                                .isEqualTo(payloads.get(i));
                    }
                })
                .expectComplete()
                .verify(Duration.ofSeconds(60));
    }

    private static DataChannelBinding sender(Session session, ChannelSpec channel) {
        return WebRtcEndpoint.of(session).sender(channel.name());
    }

    @Test
    void fourMiBPayloadsArriveByteIdenticalAndInOrder() {
        connect(true, false, true, false, List.of(BIG), List.of(BIG));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        assertThat(WebRtcEndpoint.of(operator).framing()).isEqualTo(new Framing(true, false));
        assertThat(WebRtcEndpoint.of(robot).framing()).isEqualTo(new Framing(true, false));
        List<byte[]> payloads = randomPayloads(4, FOUR_MIB, FOUR_MIB, FOUR_MIB, FOUR_MIB, FOUR_MIB);
        long t0 = System.nanoTime();
        sendAndExpect(robot, operator, BIG, payloads);
        double seconds = (System.nanoTime() - t0) / 1e9;
        DataChannelBinding sender = sender(operator, BIG);
        System.out.printf("fragmented 5 x 4 MiB: %.1f MB/s, %d messages, %d waits, max buffered %d B%n",
                5 * (double) FOUR_MIB / seconds / 1e6, sender.messagesTransmitted(), sender.waits(),
                sender.maxBufferedSeen());
        assertThat(sender.messagesTransmitted()).as("64 KiB fragments").isGreaterThanOrEqualTo(5 * 64);
        assertThat(sender.maxBufferedSeen()).as("flow control applies to fragments")
                .isLessThanOrEqualTo(WebRtcConfig.DEFAULT_SEND_HIGH_WATER_MARK + DataChannelBinding.CHECK_BYTES
                        + DataChannelBinding.FRAGMENT_BYTES);
        assertThat(WebRtcSessions.framingDrops(robot, BIG)).isZero();
    }

    @Test
    void smallAndLargePayloadsMixedKeepTheirOrderWithFragmentationAndCoalescing() {
        connect(true, true, true, true, List.of(BIG), List.of(BIG));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        int[] sizes = {0, 1, 64, FOUR_MIB, 10, 262_143, 262_144, 3, 300_000, 65_536, FOUR_MIB - 1, 16_383, 5, 1_000,
                2_000_000, 7};
        sendAndExpect(robot, operator, BIG, randomPayloads(5, sizes));
        assertThat(WebRtcSessions.framingDrops(robot, BIG)).isZero();
    }

    @Test
    void withoutTheFlagOnBothEndsALargePayloadFailsAndTheWireIsPlain() {
        for (boolean robotEnables : new boolean[] {true, false}) {
            connect(robotEnables, robotEnables, !robotEnables, !robotEnables, List.of(BIG), List.of(BIG));
            Session robot = pair.getT1();
            Session operator = pair.getT2();
            assertThat(WebRtcEndpoint.of(operator).framing()).isEqualTo(Framing.NONE);
            assertThat(WebRtcEndpoint.of(robot).framing()).isEqualTo(Framing.NONE);
            StepVerifier.create(operator.send(BIG, Flux.just(new byte[FOUR_MIB])))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MessageTooLargeException.class)
                            .hasMessageContaining("4194304").hasMessageContaining("262144"))
                    .verify(TIMEOUT);
            // plain: a payload of exactly the peer's limit goes through, one data channel message per payload
            List<byte[]> payloads = randomPayloads(6, 262_144, 64, 64, 64);
            sendAndExpect(robot, operator, BIG, payloads);
            assertThat(sender(operator, BIG).messagesTransmitted()).isEqualTo(4);
            TestLinks.close(pair);
            pair = null;
        }
    }

    @Test
    void unreliableChannelsDoNotFragment() {
        ChannelSpec fast = BIG.withQos(Qos.unreliable());
        connect(true, false, true, false, List.of(fast), List.of(fast));
        Session operator = pair.getT2();
        StepVerifier.create(operator.send(fast, Flux.just(new byte[300_000])))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MessageTooLargeException.class)
                        .hasMessageContaining("262143"))
                .verify(TIMEOUT);
    }

    @Test
    void aPayloadAboveTheReceiversMaxMessageSizeIsDiscardedAndCounted() {
        ChannelSpec small = BIG.withMaxMessageSize(1 << 20); // same name, the robot accepts at most 1 MiB
        connect(true, false, true, false, List.of(small), List.of(BIG));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        List<byte[]> payloads = randomPayloads(7, 2 << 20, 100, 1 << 20);
        StepVerifier.create(robot.receive(small).take(2).collectList())
                .then(() -> operator.send(BIG, Flux.fromIterable(payloads)).subscribe())
                .assertNext(got -> {
                    assertThat(got.get(0)).isEqualTo(payloads.get(1));
                    assertThat(got.get(1)).isEqualTo(payloads.get(2));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        assertThat(WebRtcSessions.framingDrops(robot, small)).isEqualTo(1);
    }

    @Test
    void coalescingSendsFewerMessagesAndKeepsEveryPayloadInOrder() {
        ChannelSpec reliable = ChannelSpec.of("reliable", Direction.OPERATOR_TO_ROBOT)
                .withBackpressure(BackpressurePolicy.buffer(65_536));
        connect(false, true, false, true, List.of(reliable), List.of(reliable));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        int n = 20_000;
        StepVerifier.create(robot.receive(reliable).map(TestLinks::index).take(n).collectList())
                .then(() -> operator.send(reliable, Flux.range(0, n).map(i -> TestLinks.payload(i, 64))).subscribe())
                .assertNext(list -> assertThat(list).containsExactlyElementsOf(IntStream.range(0, n).boxed().toList()))
                .expectComplete()
                .verify(TIMEOUT);
        long messages = sender(operator, reliable).messagesTransmitted();
        System.out.printf("coalesced %d payloads of 64 B into %d messages%n", n, messages);
        assertThat(messages).isLessThan(n / 10);
    }

    @Test
    void aLonePayloadIsSentAtOnce() {
        ChannelSpec ping = Channels.STATE_RELIABLE;
        ChannelSpec pong = Channels.STATE_RELIABLE_BACK;
        connect(false, true, false, true, List.of(ping, pong), List.of(ping, pong));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        // the robot echoes; each round trip needs each side's lone payload to go out without waiting for more
        Disposable echo = robot.send(pong, robot.receive(ping)).subscribe(v -> { }, e -> { });
        try {
            for (int i = 0; i < 200; i++) {
                byte[] payload = TestLinks.payload(i, 64);
                StepVerifier.create(operator.receive(pong).map(TestLinks::index).take(1))
                        .then(() -> operator.send(ping, Flux.just(payload)).subscribe())
                        .expectNext(i)
                        .expectComplete()
                        .verify(Duration.ofSeconds(2));
            }
        } finally {
            echo.dispose();
        }
        // the counter moves just after send() returns, which may be after the echo came back: wait for it
        TestLinks.await("200 messages counted", () -> sender(operator, ping).messagesTransmitted() >= 200, TIMEOUT);
        assertThat(sender(operator, ping).messagesTransmitted()).isEqualTo(200);
    }

    @Test
    void aCancelledSendDoesNotHoldBackLaterPayloads() {
        ChannelSpec reliable = ChannelSpec.of("reliable", Direction.OPERATOR_TO_ROBOT)
                .withBackpressure(BackpressurePolicy.buffer(65_536));
        connect(false, true, false, true, List.of(reliable), List.of(reliable));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        Disposable flood = operator.send(reliable, Flux.range(0, 10_000_000).map(i -> TestLinks.payload(i, 64)))
                .subscribe(v -> { }, e -> { });
        TestLinks.await("the flood is under way", () -> operator.stats(reliable).sent() > 10_000, TIMEOUT);
        flood.dispose(); // payloads still queued for the sender thread are discarded
        byte[] lone = TestLinks.payload(-1, 64);
        StepVerifier.create(robot.receive(reliable).map(TestLinks::index).filter(i -> i == -1).take(1))
                .then(() -> operator.send(reliable, Flux.just(lone)).subscribe())
                .expectNext(-1)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void unreliableCoalescingStaysWithinOnePacket() {
        ChannelSpec fast = ChannelSpec.of("fast", Direction.OPERATOR_TO_ROBOT).withQos(Qos.unreliable())
                .withBackpressure(BackpressurePolicy.buffer(65_536));
        connect(false, true, false, true, List.of(fast), List.of(fast));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        int n = 5_000;
        Set<Integer> got = ConcurrentHashMap.newKeySet();
        Disposable counting = robot.receive(fast).map(TestLinks::index).subscribe(got::add);
        try {
            StepVerifier.create(operator.send(fast, Flux.range(0, n).map(i -> TestLinks.payload(i, 64))))
                    .expectComplete()
                    .verify(TIMEOUT);
            long sentOk = n - operator.stats(fast).droppedOutbound();
            // loopback UDP still drops some of a burst; what arrives must decode
            TestLinks.await("half the payloads arrived", () -> got.size() >= sentOk / 2, TIMEOUT);
            long messages = sender(operator, fast).messagesTransmitted();
            System.out.printf("unreliable: %d payloads, %d dropped by the sender, %d received, %d messages%n", n,
                    n - sentOk, got.size(), messages);
            // a 64 B payload takes 65 B in a batch: at most 15 fit into 1 KiB
            assertThat(messages).isGreaterThanOrEqualTo(sentOk / 15).isLessThan(n / 4);
            assertThat(got).allSatisfy(i -> assertThat(i).isBetween(0, n - 1));
            assertThat(WebRtcSessions.framingDrops(robot, fast)).isZero();
        } finally {
            counting.dispose();
        }
    }
}
