package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.broker.server.BrokerOptions;
import io.teleflux.broker.server.RobotKey;
import io.teleflux.webrtc.NetworkNamespace;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Join/leave cycles, robot restart, eviction, bad keys and tenants, against an embedded broker. */
@ExtendWith(NetworkNamespace.class)
class BrokerLifecycleTest {

    private static final Duration T = Duration.ofSeconds(20);
    private static final String ALICE = "alice@example.org";
    private static final String BOB = "bob@example.org";
    private static final byte[] HELLO = "{\"type\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

    private static BrokerFixture broker;
    private final List<Session> open = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        // a fast reaper, so that an operator that stops its op-heartbeat is evicted within a second or two
        broker = BrokerFixture.start(BrokerOptions.defaults().withOperatorHeartbeatTimeout(Duration.ofSeconds(1))
                .withReaperInterval(Duration.ofMillis(200)));
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

    private Session connect(Mono<Session> connect) {
        Session s = connect.block(T);
        open.add(s);
        return s;
    }

    private static void awaitPresence(Session robot, boolean present) {
        StepVerifier.create(BrokerSessions.operatorPresence(robot).filter(p -> p == present).take(1))
                .expectNext(present).expectComplete().verify(T);
    }

    private static void assertRoundTrip(Session robot, Session operator) {
        StepVerifier.create(robot.receive(Channels.STATE_RELIABLE).take(1))
                .then(() -> operator.send(Channels.STATE_RELIABLE, Mono.just(HELLO)).subscribe())
                .expectNextMatches(b -> new String(b, StandardCharsets.UTF_8).equals("{\"type\":\"hello\"}"))
                .expectComplete()
                .verify(T);
        StepVerifier.create(operator.receive(Channels.STATE_RELIABLE_BACK).take(1))
                .then(() -> robot.send(Channels.STATE_RELIABLE_BACK, Mono.just(HELLO)).subscribe())
                .expectNextCount(1)
                .expectComplete()
                .verify(T);
    }

    private static long operatorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("teleflux-broker-operator-")).count();
    }

    /** Polls {@code condition} every 20 ms until it holds, for at most T. */
    private static void eventually(String what, java.util.function.BooleanSupplier condition) {
        Boolean ok = Flux.interval(Duration.ZERO, Duration.ofMillis(20)).map(t -> condition.getAsBoolean())
                .filter(Boolean::booleanValue).next().block(T);
        assertThat(ok).as(what).isTrue();
    }

    @Test
    void tenJoinLeaveCyclesUseFreshIdsAndLeakNoPeerConnectionOrThread() {
        RobotKey key = broker.robotKey(ALICE);
        Session robot = connect(Teleflux.robot(broker.robot(key)).connect());
        BrokerProvider provider = RobotEndpoint.of(robot).provider();
        int baseline = PeerConnectionFactoryLease.livePeerConnections();
        Set<Integer> stateIds = new HashSet<>();
        for (int cycle = 0; cycle < 10; cycle++) {
            Session operator = Teleflux.operator(broker.operator(key, ALICE)).connect().block(T);
            awaitPresence(robot, true);
            stateIds.add(provider.channelId(ChannelIdMap.STATE));
            assertRoundTrip(robot, operator);
            operator.disposeNow(T);
            awaitPresence(robot, false);
            eventually("peer connections back to the baseline after cycle " + cycle,
                    () -> PeerConnectionFactoryLease.livePeerConnections() == baseline);
        }
        assertThat(stateIds).as("a fresh state_reliable id per join").hasSize(10);
        eventually("operator threads gone", () -> operatorThreads() == 0);
    }

    @Test
    void closingARobotWithVideoReleasesItsPeerConnectionAndThreads() {
        RobotKey key = broker.robotKey(ALICE);
        int baseline = PeerConnectionFactoryLease.livePeerConnections();
        Session robot = Teleflux.robot(broker.robot(key).withVideo(true)).connect().block(T);
        String threads = RobotEndpoint.of(robot).provider().linkName();
        assertThat(threads).isNotNull();
        robot.disposeNow(T);
        eventually("peer connections back to the baseline",
                () -> PeerConnectionFactoryLease.livePeerConnections() == baseline);
        eventually("robot threads gone", () -> Thread.getAllStackTraces().keySet().stream().noneMatch(
                t -> t.isAlive() && (t.getName().equals(threads) || t.getName().startsWith(threads + "-"))));
    }

    @Test
    void aRestartedRobotIsJoinedAgainAndTheOldOperatorSessionEnds() {
        RobotKey key = broker.robotKey(ALICE);
        BrokerConfig config = broker.robot(key);
        Session robot = Teleflux.robot(config).connect().block(T);
        String firstSession = BrokerSessions.sessionId(robot).orElseThrow();
        Session operator = connect(Teleflux.operator(broker.operator(key, ALICE)).connect());
        awaitPresence(robot, true);
        assertRoundTrip(robot, operator);

        robot.disposeNow(T);
        StepVerifier.create(operator.onClose()).expectComplete().verify(T);

        Session restarted = connect(Teleflux.robot(config).connect());
        assertThat(BrokerSessions.sessionId(restarted)).isPresent().get().isNotEqualTo(firstSession);
        Session again = connect(Teleflux.operator(broker.operator(key, ALICE)).connect());
        awaitPresence(restarted, true);
        assertRoundTrip(restarted, again);
    }

    @Test
    void anEvictedOperatorIsReportedToTheRobotAsOperatorLost() {
        RobotKey key = broker.robotKey(ALICE);
        Session robot = connect(Teleflux.robot(broker.robot(key)).connect());
        // an op-heartbeat every 15 s: the broker (1 s timeout) evicts the operator long before the first one
        Session operator = connect(Teleflux.operator(broker.operator(key, ALICE)
                .withHeartbeat(Duration.ofSeconds(15))).connect());
        awaitPresence(robot, true);
        StepVerifier.create(robot.receive(Channels.STATE_RELIABLE).map(b -> new String(b, StandardCharsets.UTF_8))
                        .filter(s -> s.contains("operator_lost")).take(1))
                .expectNext("{\"type\": \"operator_lost\"}")
                .expectComplete()
                .verify(T);
        awaitPresence(robot, false);
        assertThat(operator.isDisposed()).isFalse();
    }

    @Test
    void aBadApiKeyIsATypedError() {
        BrokerConfig bad = BrokerConfig.of("dtk_live_" + "0".repeat(40)).withBrokerUrl(broker.url())
                .withStunUrl(null).withVideo(false);
        int baseline = PeerConnectionFactoryLease.livePeerConnections();
        StepVerifier.create(Teleflux.robot(bad).connect())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BrokerException.class)
                        .hasMessageContaining("401")
                        .satisfies(x -> assertThat(((BrokerException) x).isAuthFailure()).isTrue()))
                .verify(T);
        eventually("no peer connection left behind",
                () -> PeerConnectionFactoryLease.livePeerConnections() == baseline);
    }

    @Test
    void aRevokedKeyEndsTheRobotSessionWithATypedErrorAfterFiveHeartbeats() throws Exception {
        RobotKey key = broker.robotKey(ALICE);
        Session robot = connect(Teleflux.robot(broker.robot(key)).connect());
        HttpResponse<String> revoked = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(broker.url() + "/api/v1/keys/" + key.id()))
                        .header("Authorization", "Bearer " + broker.token(ALICE)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(revoked.statusCode()).as(revoked.body()).isBetween(200, 299);
        StepVerifier.create(robot.states())
                .thenConsumeWhile(s -> !s.isTerminal())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BrokerSessionEndedException.class)
                        .hasMessageContaining("5 consecutive"))
                .verify(T);
    }

    @Test
    void aCrossTenantJoinIs404AndTheSessionIsNotListed() {
        RobotKey key = broker.robotKey(ALICE);
        Session robot = connect(Teleflux.robot(broker.robot(key)).connect());
        String sessionId = BrokerSessions.sessionId(robot).orElseThrow();
        OperatorClient alice = OperatorClient.login(broker.url(), broker.token(ALICE)).block(T);
        OperatorClient bob = OperatorClient.login(broker.url(), broker.token(BOB)).block(T);
        assertThat(bob.identity().subject()).isEqualTo(BOB);
        assertThat(alice.sessions().block(T)).extracting(RobotSessionInfo::sessionId).contains(sessionId);
        assertThat(bob.sessions().block(T)).extracting(RobotSessionInfo::sessionId).doesNotContain(sessionId);
        StepVerifier.create(bob.join(sessionId))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BrokerException.class)
                        .satisfies(x -> assertThat(((BrokerException) x).status()).isEqualTo(404)))
                .verify(T);
        StepVerifier.create(OperatorClient.login(broker.url(), "not-a-token"))
                .expectErrorSatisfies(e -> assertThat(((BrokerException) e).isAuthFailure()).isTrue())
                .verify(T);
    }
}
