package io.teleflux.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teleflux.Channels;
import io.teleflux.webrtc.NetworkNamespace;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * The built-in relay end to end with real webrtc-java peers: a robot registers, an operator joins and bridges, the four
 * channels flow each in its direction with separate ids per side, the robot's video reaches the operator after the
 * renegotiation, and a rejoin gets fresh robot ids.
 */
@ExtendWith(NetworkNamespace.class)
class RelayTest {

    private static final String OWNER = "alice@example.org";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private BrokerServer server;
    private ApiClient api;
    private String robotKey;

    /** One factory for the class: tests create and close peers, not the JVM's factory (JvmExitTest covers that). */
    private static PeerConnectionFactoryLease factory;

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
        server = BrokerServer.start(BrokerOptions.defaults().withPort(0).withDevToken("alice-dev-token", OWNER)
                        .withDevToken("carol-dev-token", "carol@example.org").withAdmin("carol@example.org"))
                .block(WAIT);
        api = new ApiClient(server.baseUri());
        robotKey = server.createRobotKey(OWNER, "go2", "go2").block(WAIT).apiKey();
    }

    @AfterEach
    void stop() {
        server.disposeNow();
        assertThat(server.livePeerConnections()).isZero();
    }

    @Test
    void bridgesChannelsEachWayAndForwardsVideo() {
        try (TestPeer robot = TestPeer.robot(true)) {
            robot.startCamera();
            String sessionId = register(robot);

            JsonNode idle = heartbeat(sessionId);
            assertThat(idle.path("cmd_channel_subscriber_id").isNull()).isTrue();
            assertThat(idle.path("renegotiate_offer").isNull()).isTrue();

            try (TestPeer operator = TestPeer.operator()) {
                JsonNode bridge = joinAndBridge(sessionId, operator);
                assertThat(bridge.path("video_status").asText()).isEqualTo("ok");
                JsonNode ack = heartbeat(sessionId);
                Relay.ChannelIds robotIds = robotIds(ack);
                Relay.ChannelIds operatorIds = operatorIds(bridge);
                assertThat(Set.of(robotIds.cmd(), robotIds.state(), robotIds.stateBack(), robotIds.map()))
                        .hasSize(4).allMatch(id -> id >= 1);
                assertThat(Set.of(operatorIds.cmd(), operatorIds.state(), operatorIds.stateBack(),
                        operatorIds.map())).hasSize(4).allMatch(id -> id >= 2);

                TestPeer.Channel robotCmd = robot.open(Channels.CMD_UNRELIABLE, robotIds.cmd());
                TestPeer.Channel robotState = robot.open(Channels.STATE_RELIABLE, robotIds.state());
                TestPeer.Channel robotBack = robot.open(Channels.STATE_RELIABLE_BACK, robotIds.stateBack());
                TestPeer.Channel robotMap = robot.open(Channels.MAP_UNRELIABLE, robotIds.map());
                TestPeer.Channel opCmd = operator.open(Channels.CMD_UNRELIABLE, operatorIds.cmd());
                TestPeer.Channel opState = operator.open(Channels.STATE_RELIABLE, operatorIds.state());
                TestPeer.Channel opBack = operator.open(Channels.STATE_RELIABLE_BACK, operatorIds.stateBack());
                TestPeer.Channel opMap = operator.open(Channels.MAP_UNRELIABLE, operatorIds.map());

                // each direction: repeat until one arrives (the far end may open its channel a moment later)
                assertArrives(opState, robotState, "{\"type\":\"ping\",\"client_ts\":1.5}");
                assertArrives(opCmd, robotCmd, "twist");
                assertArrives(robotBack, opBack, "{\"type\":\"pong\"}");
                assertArrives(robotMap, opMap, "{\"type\":\"odom\"}");

                // the operator answers the video offer once; a second answer has no offer left
                String answer = operator.answerOffer(bridge.path("video_offer").asText());
                assertThat(api.operator("POST", "/api/v1/sessions/" + sessionId + "/renegotiate-answer",
                        "alice-dev-token", ApiClient.json("sdp_answer", answer)).status()).isEqualTo(200);
                assertThat(api.operator("POST", "/api/v1/sessions/" + sessionId + "/renegotiate-answer",
                        "alice-dev-token", ApiClient.json("sdp_answer", answer)).status()).isEqualTo(409);
                StepVerifier.create(Flux.interval(Duration.ofMillis(50)).map(t -> operator.framesReceived())
                                .filter(n -> n >= 5).next())
                        .expectNextCount(1)
                        .expectComplete().verify(WAIT);

                // the wrong direction is not forwarded: the robot's send on state_reliable never reaches the operator
                robotState.send("wrong way").block(WAIT);
                assertArrives(opState, robotState, "marker");
                StepVerifier.create(opState.texts().filter("wrong way"::equals))
                        .expectSubscription()
                        .expectNoEvent(Duration.ofMillis(300))
                        .thenCancel()
                        .verify(WAIT);

                assertThat(api.operator("POST", "/api/v1/sessions/" + sessionId + "/leave", "alice-dev-token",
                        ApiClient.json("reason", "user_initiated")).json().path("state").asText()).isEqualTo("idle");
                JsonNode afterLeave = heartbeat(sessionId);
                assertThat(afterLeave.path("state_channel_subscriber_id").isNull()).isTrue();
                assertThat(afterLeave.path("map_channel_publisher_id").isNull()).isTrue();

                try (TestPeer again = TestPeer.operator()) {
                    joinAndBridge(sessionId, again);
                    Relay.ChannelIds fresh = robotIds(heartbeat(sessionId));
                    Set<Integer> before = new HashSet<>(List.of(robotIds.cmd(), robotIds.state(),
                            robotIds.stateBack(), robotIds.map()));
                    assertThat(List.of(fresh.cmd(), fresh.state(), fresh.stateBack(), fresh.map()))
                            .doesNotContainAnyElementsOf(before);
                }
            }
            assertThat(api.robot("DELETE", "/api/v1/sessions/" + sessionId, robotKey, null).status())
                    .isEqualTo(204);
            awaitLivePeerConnections(0);
        }
        StepVerifier.create(Flux.interval(Duration.ofMillis(20))
                        .map(t -> PeerConnectionFactoryLease.livePeerConnections()).filter(n -> n == 0).next())
                .expectNext(0)
                .expectComplete().verify(WAIT);
    }

    @Test
    void viewersGetTheRobotsTelemetryButCannotCommand() {
        try (TestPeer robot = TestPeer.robot(false); TestPeer operator = TestPeer.operator();
                TestPeer viewer = TestPeer.operator()) {
            String sessionId = register(robot);
            JsonNode opBridge = joinAndBridge(sessionId, operator, "alice-dev-token", "operator");
            JsonNode viewBridge = joinAndBridge(sessionId, viewer, "carol-dev-token", "viewer");
            assertThat(viewBridge.path("cmd_channel_id").isNull()).isTrue();
            assertThat(viewBridge.path("state_channel_id").isNull()).isTrue();
            assertThat(viewBridge.path("video_status").asText()).isEqualTo("no_published_track");
            assertThat(api.operator("GET", "/api/v1/sessions/" + sessionId + "/status", "alice-dev-token", null)
                    .json().path("viewers").asInt()).isEqualTo(1);

            Relay.ChannelIds robotIds = robotIds(heartbeat(sessionId));
            TestPeer.Channel robotBack = robot.open(Channels.STATE_RELIABLE_BACK, robotIds.stateBack());
            TestPeer.Channel opBack = operator.open(Channels.STATE_RELIABLE_BACK,
                    opBridge.path("state_back_channel_id").asInt());
            TestPeer.Channel viewerBack = viewer.open(Channels.STATE_RELIABLE_BACK,
                    viewBridge.path("state_back_channel_id").asInt());
            assertArrives(robotBack, opBack, "{\"type\":\"robot_telemetry\"}");
            assertArrives(robotBack, viewerBack, "{\"type\":\"robot_telemetry\"}");

            // the operator leaves: its command ids go null, the telemetry the viewer still uses keeps its ids
            api.operator("POST", "/api/v1/sessions/" + sessionId + "/leave", "alice-dev-token", "{}");
            JsonNode ack = heartbeat(sessionId);
            assertThat(ack.path("cmd_channel_subscriber_id").isNull()).isTrue();
            assertThat(ack.path("state_channel_subscriber_id").isNull()).isTrue();
            assertThat(ack.path("state_back_channel_publisher_id").asInt()).isEqualTo(robotIds.stateBack());
            assertArrives(robotBack, viewerBack, "still watching");

            api.operator("POST", "/api/v1/sessions/" + sessionId + "/leave", "carol-dev-token", "{}");
            assertThat(heartbeat(sessionId).path("state_back_channel_publisher_id").isNull()).isTrue();
            awaitLivePeerConnections(1);
        }
    }

    @Test
    void bridgeBeforeTheOperatorConnectsIs409AndNonBoundOperatorsAre403() {
        try (TestPeer robot = TestPeer.robot(false)) {
            String sessionId = register(robot);
            try (TestPeer operator = TestPeer.operator()) {
                String bob = server.issueOperatorToken("bob@example.org", Duration.ofHours(1));
                ApiClient.Response join = api.operator("POST", "/api/v1/sessions/" + sessionId + "/join",
                        "alice-dev-token", ApiClient.json("role", "operator", "sdp_offer", operator.offer()));
                assertThat(join.status()).isEqualTo(200);
                assertThat(join.json().path("robot_cf_session_id").asText()).startsWith("relay-robot-");
                // the operator never applies the answer: the relay's side cannot be connected
                ApiClient.Response early = api.operator("POST", "/api/v1/sessions/" + sessionId
                        + "/bridge-datachannel", "alice-dev-token", null);
                assertThat(early.status()).isEqualTo(409);
                assertThat(early.detail()).contains("not ready");
                assertThat(api.operator("POST", "/api/v1/sessions/" + sessionId + "/renegotiate-answer",
                        "alice-dev-token", ApiClient.json("sdp_answer", "v=0")).status()).isEqualTo(409);
                assertThat(api.operator("POST", "/api/v1/sessions/" + sessionId + "/bridge-datachannel", bob, null)
                        .status()).isEqualTo(404); // another tenant does not even see the session
            }
        }
    }

    private String register(TestPeer robot) {
        ApiClient.Response r = api.robot("POST", "/api/v1/sessions", robotKey,
                ApiClient.json("robot_name", "go2", "robot_type", "go2", "sdp_offer", robot.offer()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().path("cf_session_id").asText()).startsWith("relay-robot-");
        assertThat(r.json().path("sdp_answer").asText()).contains("a=candidate:");
        robot.applyAnswer(r.json().path("sdp_answer").asText());
        robot.awaitConnected();
        return r.json().path("session_id").asText();
    }

    private JsonNode joinAndBridge(String sessionId, TestPeer operator) {
        return joinAndBridge(sessionId, operator, "alice-dev-token", "operator");
    }

    private JsonNode joinAndBridge(String sessionId, TestPeer operator, String token, String role) {
        ApiClient.Response join = api.operator("POST", "/api/v1/sessions/" + sessionId + "/join", token,
                ApiClient.json("role", role, "sdp_offer", operator.offer()));
        assertThat(join.status()).as(join.body()).isEqualTo(200);
        assertThat(join.json().path("role").asText()).isEqualTo(role);
        operator.applyAnswer(join.json().path("sdp_answer").asText());
        operator.awaitConnected();
        // at once, as the browser does: the broker waits for the relay's side of the connection
        ApiClient.Response bridge = api.operator("POST", "/api/v1/sessions/" + sessionId + "/bridge-datachannel",
                token, null);
        assertThat(bridge.status()).as(bridge.body()).isEqualTo(200);
        return bridge.json();
    }

    private JsonNode heartbeat(String sessionId) {
        ApiClient.Response r = api.robot("POST", "/api/v1/sessions/" + sessionId + "/heartbeat", robotKey, "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("ack").asBoolean()).isTrue();
        return r.json();
    }

    private static Relay.ChannelIds robotIds(JsonNode ack) {
        return new Relay.ChannelIds(ack.path("cmd_channel_subscriber_id").asInt(),
                ack.path("state_channel_subscriber_id").asInt(), ack.path("state_back_channel_publisher_id").asInt(),
                ack.path("map_channel_publisher_id").asInt());
    }

    private static Relay.ChannelIds operatorIds(JsonNode bridge) {
        return new Relay.ChannelIds(bridge.path("cmd_channel_id").asInt(), bridge.path("state_channel_id").asInt(),
                bridge.path("state_back_channel_id").asInt(), bridge.path("map_channel_id").asInt());
    }

    /** Sends {@code text} from {@code from} every 100 ms until {@code to} has received it. */
    private static void assertArrives(TestPeer.Channel from, TestPeer.Channel to, String text) {
        var sending = Flux.interval(Duration.ZERO, Duration.ofMillis(100))
                .onBackpressureDrop()
                .concatMap(t -> from.send(text).onErrorResume(e -> Mono.empty()))
                .subscribe();
        try {
            StepVerifier.create(to.texts().filter(text::equals).next())
                    .expectNext(text)
                    .expectComplete().verify(WAIT);
        } finally {
            sending.dispose();
        }
    }

    private void awaitLivePeerConnections(int expected) {
        StepVerifier.create(Flux.interval(Duration.ofMillis(20)).map(t -> server.livePeerConnections())
                        .filter(n -> n == expected).next())
                .expectNext(expected)
                .expectComplete().verify(WAIT);
    }
}
