package io.teleflux.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.BackpressureOverflowException;
import io.teleflux.BackpressurePolicy;
import io.teleflux.ChannelSpec;
import io.teleflux.ChannelStats;
import io.teleflux.Channels;
import io.teleflux.ConnectionState;
import io.teleflux.MessageTooLargeException;
import io.teleflux.Session;
import io.teleflux.SessionClosedException;
import io.teleflux.Teleflux;
import io.teleflux.UnknownChannelException;
import io.teleflux.WrongDirectionException;
import io.teleflux.spi.ProviderConfig;
import io.teleflux.spi.ProviderRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/**
 * The provider TCK: behaviour every provider must show through the public {@link Session} API. A provider module
 * runs it by extending this class and implementing {@link #newLink()}; override {@link #lossless()} when unreliable
 * channels may lose packets, and {@link #timeout()} for slow transports.
 *
 * <p>Every test connects a fresh robot/operator pair, so tests are independent. Waiting for the far end is done by
 * watching the session's counters with a deadline, never by sleeping.
 */
public abstract class ProviderTck {

    /** The provider configs of one fresh link. For symmetric providers (loopback) both are the same value. */
    public record Link(ProviderConfig robot, ProviderConfig operator) {
    }

    private final List<Session> open = new ArrayList<>();
    private Link link;

    /** A new link, distinct from every link of earlier tests. */
    protected abstract Link newLink();

    /** Whether unreliable channels deliver everything (true for in-process providers). */
    protected boolean lossless() {
        return false;
    }

    /** The deadline of every wait. */
    protected Duration timeout() {
        return Duration.ofSeconds(10);
    }

    /** Connects a robot and an operator (concurrently: some providers need both to meet) with the given channels. */
    protected final Tuple2<Session, Session> connect(List<ChannelSpec> robotChannels,
                                                     List<ChannelSpec> operatorChannels) {
        link = newLink();
        Tuple2<Session, Session> pair = Mono.zip(
                Teleflux.robot(link.robot()).channels(robotChannels).connect(),
                Teleflux.operator(link.operator()).channels(operatorChannels).connect()).block(timeout());
        assertThat(pair).isNotNull();
        open.add(pair.getT1());
        open.add(pair.getT2());
        return pair;
    }

    /** Connects with the standard channels on both sides. */
    protected final Tuple2<Session, Session> connect() {
        return connect(Channels.STANDARD, Channels.STANDARD);
    }

    @AfterEach
    void closeSessions() {
        Flux.fromIterable(open).flatMap(Session::disposeLater).blockLast(timeout());
        open.clear();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    protected static byte[] payload(int i) {
        return ByteBuffer.allocate(16).putInt(i).putInt(~i).putLong(0x7465_6c65_666c_7578L).array();
    }

    protected static int index(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        int i = b.getInt();
        assertThat(b.getInt()).as("payload integrity").isEqualTo(~i);
        return i;
    }

    protected static Flux<byte[]> payloads(int n) {
        return Flux.range(0, n).map(ProviderTck::payload);
    }

    /** Waits (polling the counters, with a deadline) until {@code channel}'s stats satisfy {@code condition}. */
    protected final ChannelStats awaitStats(Session session, ChannelSpec channel, Predicate<ChannelStats> condition) {
        ChannelStats stats = Flux.interval(Duration.ZERO, Duration.ofMillis(2))
                .map(tick -> session.stats(channel))
                .filter(condition)
                .blockFirst(timeout());
        assertThat(stats).isNotNull();
        return stats;
    }

    // ---- delivery and ordering -----------------------------------------------------------------------------------

    @Test
    void reliableChannelDeliversEveryPayloadInOrder() {
        var pair = connect();
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        int n = 1000;
        StepVerifier.create(robot.receive(Channels.STATE_RELIABLE).map(ProviderTck::index).take(n).collectList())
                .then(() -> operator.send(Channels.STATE_RELIABLE, payloads(n)).subscribe())
                .assertNext(list -> assertThat(list).containsExactlyElementsOf(
                        IntStream.range(0, n).boxed().toList()))
                .expectComplete()
                .verify(timeout());
    }

    @Test
    void robotTelemetryReachesOperatorInOrder() {
        var pair = connect();
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        StepVerifier.create(operator.receive(Channels.STATE_RELIABLE_BACK).map(ProviderTck::index).take(100))
                .then(() -> robot.send(Channels.STATE_RELIABLE_BACK, payloads(100)).subscribe())
                .expectNextSequence(IntStream.range(0, 100).boxed().toList())
                .expectComplete()
                .verify(timeout());
    }

    @Test
    void unreliableChannelDeliversIntactPayloadsWithoutDuplicates() {
        ChannelSpec cmd = Channels.CMD_UNRELIABLE.withBackpressure(BackpressurePolicy.buffer(10_000));
        var pair = connect(List.of(cmd), List.of(cmd));
        Session robot = pair.getT1();
        int n = 200;
        Queue<Integer> got = new ConcurrentLinkedQueue<>();
        Disposable sub = robot.receive(cmd).map(ProviderTck::index).subscribe(got::add);
        StepVerifier.create(pair.getT2().send(cmd, payloads(n))).expectComplete().verify(timeout());
        int expected = lossless() ? n : n * 9 / 10;
        awaitStats(robot, cmd, s -> s.received() >= expected);
        sub.dispose();
        Set<Integer> distinct = new HashSet<>(got);
        assertThat(distinct).hasSize(got.size()).allMatch(i -> i >= 0 && i < n);
        assertThat(got.size()).isGreaterThanOrEqualTo(expected);
    }

    @Test
    void sendCompletesOnlyAfterThePublisherCompleted() {
        var pair = connect();
        StepVerifier.create(pair.getT2().send(Channels.STATE_RELIABLE, payloads(10)))
                .expectComplete()
                .verify(timeout());
        assertThat(pair.getT2().stats(Channels.STATE_RELIABLE).sent()).isEqualTo(10);
    }

    // ---- typed demultiplexing ------------------------------------------------------------------------------------

    @Test
    void typedSubscribersSeeOnlyTheirTypeAndRawSeesAll() {
        var pair = connect();
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        Mono<List<TckMessage>> as = robot.receive(Channels.STATE_RELIABLE, TckMessage.A).take(2).collectList();
        Mono<List<TckMessage>> bs = robot.receive(Channels.STATE_RELIABLE, TckMessage.B).take(1).collectList();
        Mono<List<byte[]>> raw = robot.receive(Channels.STATE_RELIABLE).take(3).collectList();
        Flux<byte[]> wire = Flux.just(TckMessage.A.encode(new TckMessage(1, "a1")),
                TckMessage.B.encode(new TckMessage(2, "b1")),
                TckMessage.A.encode(new TckMessage(3, "a2")));
        StepVerifier.create(Mono.zip(as, bs, raw))
                .then(() -> operator.send(Channels.STATE_RELIABLE, wire).subscribe())
                .assertNext(t -> {
                    assertThat(t.getT1()).containsExactly(new TckMessage(1, "a1"), new TckMessage(3, "a2"));
                    assertThat(t.getT2()).containsExactly(new TckMessage(2, "b1"));
                    assertThat(t.getT3()).hasSize(3);
                })
                .expectComplete()
                .verify(timeout());
    }

    @Test
    void typedSendEncodesWithTheType() {
        var pair = connect();
        StepVerifier.create(pair.getT1().receive(Channels.STATE_RELIABLE, TckMessage.B).take(2))
                .then(() -> pair.getT2().send(Channels.STATE_RELIABLE, TckMessage.B,
                        Flux.just(new TckMessage(7, "x"), new TckMessage(8, "ü"))).subscribe())
                .expectNext(new TckMessage(7, "x"), new TckMessage(8, "ü"))
                .expectComplete()
                .verify(timeout());
    }

    @Test
    void malformedPayloadIsCountedAndTheStreamGoesOn() {
        var pair = connect();
        Session robot = pair.getT1();
        Flux<byte[]> wire = Flux.just(TckMessage.malformedA(), TckMessage.A.encode(new TckMessage(5, "ok")));
        StepVerifier.create(robot.receive(Channels.STATE_RELIABLE, TckMessage.A).take(1))
                .then(() -> pair.getT2().send(Channels.STATE_RELIABLE, wire).subscribe())
                .expectNext(new TckMessage(5, "ok"))
                .expectComplete()
                .verify(timeout());
        assertThat(robot.stats(Channels.STATE_RELIABLE).malformed()).isEqualTo(1);
    }

    // ---- backpressure policies -----------------------------------------------------------------------------------

    private void policyTest(BackpressurePolicy policy, int sent, List<Integer> expected, long expectedDrops) {
        ChannelSpec state = Channels.STATE_RELIABLE.withBackpressure(policy);
        var pair = connect(List.of(state), List.of(Channels.STATE_RELIABLE));
        Session robot = pair.getT1();
        StepVerifier.create(robot.receive(state).map(ProviderTck::index), 0)
                .then(() -> pair.getT2().send(Channels.STATE_RELIABLE, payloads(sent)).subscribe())
                .then(() -> awaitStats(robot, state, s -> s.received() == sent))
                .thenRequest(expected.size())
                .expectNextSequence(expected)
                .then(() -> assertThat(robot.stats(state).droppedInbound()).isEqualTo(expectedDrops))
                .thenCancel()
                .verify(timeout());
    }

    @Test
    void latestPolicyKeepsOnlyTheNewestAndCountsTheRest() {
        policyTest(BackpressurePolicy.LATEST, 50, List.of(49), 49);
    }

    @Test
    void dropOldestPolicyKeepsTheNewestN() {
        policyTest(BackpressurePolicy.dropOldest(3), 10, List.of(7, 8, 9), 7);
    }

    @Test
    void dropLatestPolicyKeepsTheOldestN() {
        policyTest(BackpressurePolicy.dropLatest(3), 10, List.of(0, 1, 2), 7);
    }

    @Test
    void bufferOverflowEndsOnlyTheSlowSubscriberWithATypedError() {
        ChannelSpec state = Channels.STATE_RELIABLE.withBackpressure(BackpressurePolicy.buffer(4));
        var pair = connect(List.of(state), List.of(Channels.STATE_RELIABLE));
        Session robot = pair.getT1();
        Queue<Integer> fast = new ConcurrentLinkedQueue<>();
        Disposable fastSub = robot.receive(state).map(ProviderTck::index).subscribe(fast::add);
        // The slow subscriber first gets what its queue held, then the overflow error: nothing vanishes silently.
        StepVerifier.create(robot.receive(state).map(ProviderTck::index), 0)
                .then(() -> pair.getT2().send(Channels.STATE_RELIABLE, payloads(10)).subscribe())
                .then(() -> awaitStats(robot, state, s -> s.received() == 10))
                .thenRequest(4)
                .expectNext(0, 1, 2, 3)
                .expectError(BackpressureOverflowException.class)
                .verify(timeout());
        fastSub.dispose();
        assertThat(fast).containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
        assertThat(robot.stats(state).droppedInbound()).isGreaterThanOrEqualTo(1);
    }

    // ---- errors --------------------------------------------------------------------------------------------------

    @Test
    void wrongDirectionIsATypedError() {
        var pair = connect();
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        StepVerifier.create(robot.send(Channels.CMD_UNRELIABLE, payloads(1)))
                .expectError(WrongDirectionException.class).verify(timeout());
        StepVerifier.create(operator.send(Channels.STATE_RELIABLE_BACK, payloads(1)))
                .expectError(WrongDirectionException.class).verify(timeout());
        StepVerifier.create(robot.receive(Channels.STATE_RELIABLE_BACK))
                .expectError(WrongDirectionException.class).verify(timeout());
        StepVerifier.create(operator.receive(Channels.CMD_UNRELIABLE))
                .expectError(WrongDirectionException.class).verify(timeout());
    }

    @Test
    void undeclaredChannelIsATypedError() {
        var pair = connect(List.of(Channels.STATE_RELIABLE), List.of(Channels.STATE_RELIABLE));
        StepVerifier.create(pair.getT2().send(Channels.CMD_UNRELIABLE, payloads(1)))
                .expectError(UnknownChannelException.class).verify(timeout());
        StepVerifier.create(pair.getT1().receive(Channels.CMD_UNRELIABLE))
                .expectError(UnknownChannelException.class).verify(timeout());
    }

    @Test
    void oversizedPayloadFailsTheSendAndNeverReachesTheTransport() {
        ChannelSpec small = Channels.STATE_RELIABLE.withMaxMessageSize(1024);
        var pair = connect(List.of(small), List.of(small));
        Session operator = pair.getT2();
        StepVerifier.create(operator.send(small, Flux.just(new byte[1025])))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(MessageTooLargeException.class)
                        .hasMessageContaining("1025").hasMessageContaining("1024"))
                .verify(timeout());
        assertThat(operator.stats(small).sent()).isZero();
        StepVerifier.create(pair.getT1().receive(small).map(ProviderTck::index).take(1))
                .then(() -> operator.send(small, payloads(1)).subscribe())
                .expectNext(0)
                .expectComplete()
                .verify(timeout());
    }

    @Test
    void publisherErrorEndsOnlyThatSend() {
        var pair = connect();
        Session operator = pair.getT2();
        IllegalStateException boom = new IllegalStateException("boom");
        StepVerifier.create(operator.send(Channels.STATE_RELIABLE, Flux.concat(payloads(1), Flux.error(boom))))
                .expectErrorMatches(e -> e == boom)
                .verify(timeout());
        // the payload sent before the error may still be in flight: let it land before subscribing
        awaitStats(pair.getT1(), Channels.STATE_RELIABLE, s -> s.received() == 1);
        StepVerifier.create(pair.getT1().receive(Channels.STATE_RELIABLE).map(ProviderTck::index).take(1))
                .then(() -> operator.send(Channels.STATE_RELIABLE, Flux.just(payload(42))).subscribe())
                .expectNext(42)
                .expectComplete()
                .verify(timeout());
    }

    // ---- lifecycle -----------------------------------------------------------------------------------------------

    @Test
    void statesReportConnectedThenClosed() {
        var pair = connect();
        Session robot = pair.getT1();
        StepVerifier.create(robot.states())
                .expectNextMatches(s -> s == ConnectionState.CONNECTED)
                .then(robot::dispose)
                .thenConsumeWhile(s -> s != ConnectionState.CLOSED)
                .expectNext(ConnectionState.CLOSED)
                .expectComplete()
                .verify(timeout());
    }

    @Test
    void closingCompletesInboundStreamsAndRejectsSends() {
        var pair = connect();
        Session robot = pair.getT1();
        StepVerifier.create(robot.receive(Channels.STATE_RELIABLE))
                .then(robot::dispose)
                .expectComplete()
                .verify(timeout());
        StepVerifier.create(robot.onClose()).expectComplete().verify(timeout());
        assertThat(robot.isDisposed()).isTrue();
        StepVerifier.create(robot.send(Channels.STATE_RELIABLE_BACK, payloads(1)))
                .expectError(SessionClosedException.class)
                .verify(timeout());
    }

    @Test
    void closingDuringAnEndlessSendEndsItWithSessionClosed() {
        var pair = connect();
        Session operator = pair.getT2();
        Flux<byte[]> endless = Flux.interval(Duration.ofMillis(1)).map(i -> payload(i.intValue()));
        StepVerifier.create(operator.send(Channels.STATE_RELIABLE, endless))
                .then(() -> awaitStats(operator, Channels.STATE_RELIABLE, s -> s.sent() > 0))
                .then(operator::dispose)
                .expectError(SessionClosedException.class)
                .verify(timeout());
    }

    @Test
    void cancelledSubscriberStopsReceivingAndLaterPayloadsAreCounted() {
        var pair = connect();
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        StepVerifier.create(robot.receive(Channels.STATE_RELIABLE).map(ProviderTck::index).take(1))
                .then(() -> operator.send(Channels.STATE_RELIABLE, payloads(1)).subscribe())
                .expectNext(0)
                .expectComplete()
                .verify(timeout());
        StepVerifier.create(operator.send(Channels.STATE_RELIABLE, payloads(5))).expectComplete().verify(timeout());
        ChannelStats stats = awaitStats(robot, Channels.STATE_RELIABLE, s -> s.received() == 6);
        assertThat(stats.unrouted()).isEqualTo(5);
    }

    @Test
    void providerIsReleasedWhenItsLastSessionCloses() {
        var pair = connect();
        Link l = link;
        assertThat(ProviderRegistry.global().isActive(l.robot())).isTrue();
        pair.getT1().disposeNow(timeout());
        pair.getT2().disposeNow(timeout());
        assertThat(ProviderRegistry.global().isActive(l.robot())).isFalse();
        assertThat(ProviderRegistry.global().isActive(l.operator())).isFalse();
    }

    @Test
    void aLinkCanBeConnectedAgainAfterClose() {
        for (int round = 0; round < 3; round++) {
            var pair = connect();
            int r = round;
            StepVerifier.create(pair.getT1().receive(Channels.STATE_RELIABLE).map(ProviderTck::index).take(1))
                    .then(() -> pair.getT2().send(Channels.STATE_RELIABLE, Flux.just(payload(r))).subscribe())
                    .expectNext(r)
                    .expectComplete()
                    .verify(timeout());
            closeSessions();
        }
    }
}
