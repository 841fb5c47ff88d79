package io.teleflux.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teleflux.webrtc.NetworkNamespace;
import java.time.Duration;
import java.time.Instant;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Session REST semantics with real offers (the relay answers them, so this runs in a network namespace): owner
 * scoping, the single operator slot, the bound operator's rights, re-registration, liveness with an injected clock,
 * and peer connections released over join/leave cycles.
 */
@ExtendWith(NetworkNamespace.class)
class SessionRestTest {

    private static final String ALICE = "alice@example.org";
    private static final String BOB = "bob@example.org";
    private static final String ALICE_TOKEN = "alice-dev-token";
    private static final String ALICE_TOO = "alice-second-tab-token";
    private static final String BOB_TOKEN = "bob-dev-token";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    private BrokerServer server;
    private ApiClient api;
    private String aliceRobotKey;
    private TestPeer robot;

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
        server = BrokerServer.start(BrokerOptions.defaults()
                        .withPort(0)
                        .withClock(clock)
                        .withReaperInterval(Duration.ofHours(1)) // the test runs the reaper itself
                        .withDevToken(ALICE_TOKEN, ALICE)
                        .withDevToken(BOB_TOKEN, BOB)
                        .withDevToken("carol-dev-token", "carol@example.org")
                        .withAdmin("carol@example.org"))
                .block(WAIT);
        api = new ApiClient(server.baseUri());
        aliceRobotKey = server.createRobotKey(ALICE, "go2", "go2").block(WAIT).apiKey();
        robot = TestPeer.robot(false);
    }

    @AfterEach
    void stop() {
        robot.close();
        server.disposeNow();
        assertThat(server.livePeerConnections()).isZero();
    }

    @Test
    void sessionsAreOwnerScopedAndOtherTenantsGet404() {
        String id = register(aliceRobotKey);
        assertThat(api.operator("GET", "/api/v1/sessions", ALICE_TOKEN, null).json()).hasSize(1);
        JsonNode info = api.operator("GET", "/api/v1/sessions/" + id + "/status", ALICE_TOKEN, null).json();
        assertThat(info.path("robot_id").asText()).isEqualTo(ALICE + ":go2");
        assertThat(info.path("state").asText()).isEqualTo("idle");
        assertThat(info.path("transport").asText()).isEqualTo("cloudflare");

        assertThat(api.operator("GET", "/api/v1/sessions", BOB_TOKEN, null).json()).isEmpty();
        assertThat(api.operator("GET", "/api/v1/sessions/" + id + "/status", BOB_TOKEN, null).status())
                .isEqualTo(404);
        try (TestPeer bob = TestPeer.operator()) {
            assertThat(join(id, BOB_TOKEN, bob).status()).isEqualTo(404);
        }
        // another tenant's robot key cannot heartbeat or delete it either
        String bobKey = server.createRobotKey(BOB, "go2", "go2").block(WAIT).apiKey();
        assertThat(api.robot("POST", "/api/v1/sessions/" + id + "/heartbeat", bobKey, "{}").status())
                .isEqualTo(404);
        assertThat(api.robot("DELETE", "/api/v1/sessions/" + id, bobKey, null).status()).isEqualTo(404);
        // an admin sees every session
        assertThat(api.operator("GET", "/api/v1/sessions", "carol-dev-token", null).json()).hasSize(1);
    }

    @Test
    void oneOperatorPerSessionAndOnlyItMayActOnIt() {
        String id = register(aliceRobotKey);
        String bobAsAdmin = "carol-dev-token";
        try (TestPeer first = TestPeer.operator(); TestPeer second = TestPeer.operator()) {
            assertThat(join(id, ALICE_TOKEN, first).status()).isEqualTo(200);
            JsonNode active = api.operator("GET", "/api/v1/sessions/" + id + "/status", ALICE_TOKEN, null).json();
            assertThat(active.path("state").asText()).isEqualTo("active");
            assertThat(active.path("operator_id").asText()).isEqualTo(ALICE);

            ApiClient.Response taken = join(id, bobAsAdmin, second);
            assertThat(taken.status()).isEqualTo(409);
            assertThat(taken.detail()).isEqualTo("Session already has operator: " + ALICE);
            for (String path : new String[] {"op-heartbeat", "bridge-datachannel", "leave"}) {
                assertThat(api.operator("POST", "/api/v1/sessions/" + id + "/" + path, bobAsAdmin, "{}").status())
                        .as(path).isEqualTo(403);
            }
            assertThat(api.operator("POST", "/api/v1/sessions/" + id + "/op-heartbeat", ALICE_TOKEN, null)
                    .json().path("ack").asBoolean()).isTrue();
            assertThat(api.operator("POST", "/api/v1/sessions/" + id + "/leave", ALICE_TOKEN, "{}").status())
                    .isEqualTo(200);
            // the slot is free again
            assertThat(join(id, bobAsAdmin, second).status()).isEqualTo(200);
        }
    }

    @Test
    void viewersTakeNoOperatorSlotAndAreEvictedLikeOperators() {
        String id = register(aliceRobotKey);
        try (TestPeer viewer = TestPeer.operator(); TestPeer operator = TestPeer.operator();
                TestPeer again = TestPeer.operator()) {
            ApiClient.Response watching = api.operator("POST", "/api/v1/sessions/" + id + "/join", "carol-dev-token",
                    ApiClient.json("role", "viewer", "sdp_offer", viewer.offer()));
            assertThat(watching.status()).isEqualTo(200);
            assertThat(watching.json().path("role").asText()).isEqualTo("viewer");
            JsonNode info = api.operator("GET", "/api/v1/sessions/" + id + "/status", ALICE_TOKEN, null).json();
            assertThat(info.path("state").asText()).isEqualTo("idle");
            assertThat(info.path("viewers").asInt()).isEqualTo(1);

            assertThat(join(id, ALICE_TOKEN, operator).status()).isEqualTo(200);
            ApiClient.Response both = api.operator("POST", "/api/v1/sessions/" + id + "/join", ALICE_TOKEN,
                    ApiClient.json("role", "viewer", "sdp_offer", again.offer()));
            assertThat(both.status()).isEqualTo(409);
            awaitLivePeerConnections(3);

            clock.advance(Duration.ofSeconds(15));
            heartbeat(id);
            api.operator("POST", "/api/v1/sessions/" + id + "/op-heartbeat", ALICE_TOKEN, null);
            clock.advance(Duration.ofSeconds(6));
            heartbeat(id);
            assertThat(server.reapNow()).isEqualTo(1); // the silent viewer, not the operator
            info = api.operator("GET", "/api/v1/sessions/" + id + "/status", ALICE_TOKEN, null).json();
            assertThat(info.path("viewers").asInt()).isZero();
            assertThat(info.path("operator_id").asText()).isEqualTo(ALICE);
            assertThat(api.operator("POST", "/api/v1/sessions/" + id + "/op-heartbeat", "carol-dev-token", null)
                    .status()).isEqualTo(403);
            awaitLivePeerConnections(2);
        }
    }

    @Test
    void aRegisteringRobotDisconnectsItsEarlierSession() {
        String first = register(aliceRobotKey);
        try (TestPeer again = TestPeer.robot(false)) {
            ApiClient.Response r = api.robot("POST", "/api/v1/sessions", aliceRobotKey,
                    ApiClient.json("robot_name", "go2", "sdp_offer", again.offer()));
            assertThat(r.status()).isEqualTo(201);
            assertThat(api.operator("GET", "/api/v1/sessions/" + first + "/status", ALICE_TOKEN, null).json()
                    .path("state").asText()).isEqualTo("disconnected");
            assertThat(api.robot("POST", "/api/v1/sessions/" + first + "/heartbeat", aliceRobotKey, "{}").status())
                    .isEqualTo(404);
            assertThat(api.operator("GET", "/api/v1/sessions", ALICE_TOKEN, null).json()).hasSize(1);
            awaitLivePeerConnections(1);
        }
    }

    @Test
    void silentOperatorsAreEvictedAndSilentRobotsReaped() {
        String id = register(aliceRobotKey);
        try (TestPeer operator = TestPeer.operator()) {
            assertThat(join(id, ALICE_TOKEN, operator).status()).isEqualTo(200);
            awaitLivePeerConnections(2);

            clock.advance(Duration.ofSeconds(15));
            heartbeat(id);
            assertThat(server.reapNow()).isZero(); // 15 s: nobody is late yet
            api.operator("POST", "/api/v1/sessions/" + id + "/op-heartbeat", ALICE_TOKEN, null);
            clock.advance(Duration.ofSeconds(15));
            heartbeat(id);
            assertThat(server.reapNow()).isZero(); // the op-heartbeat 15 s ago kept the operator

            clock.advance(Duration.ofSeconds(6));
            heartbeat(id);
            assertThat(server.reapNow()).isEqualTo(1); // 21 s without op-heartbeat: evicted
            JsonNode info = api.operator("GET", "/api/v1/sessions/" + id + "/status", ALICE_TOKEN, null).json();
            assertThat(info.path("state").asText()).isEqualTo("idle");
            assertThat(info.path("operator_id").isNull()).isTrue();
            assertThat(api.operator("POST", "/api/v1/sessions/" + id + "/op-heartbeat", ALICE_TOKEN, null)
                    .status()).isEqualTo(403);
            awaitLivePeerConnections(1);
        }

        clock.advance(Duration.ofSeconds(29));
        assertThat(server.reapNow()).isZero();
        assertThat(api.operator("GET", "/api/v1/sessions", ALICE_TOKEN, null).json()).hasSize(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(api.operator("GET", "/api/v1/sessions", ALICE_TOKEN, null).json()).isEmpty(); // stale: hidden
        try (TestPeer late = TestPeer.operator()) {
            ApiClient.Response stale = join(id, ALICE_TOKEN, late);
            assertThat(stale.status()).isEqualTo(404);
            assertThat(stale.detail()).contains("reconnect required");
        }
        assertThat(server.reapNow()).isEqualTo(1); // 31 s without heartbeat: reaped
        assertThat(api.operator("GET", "/api/v1/sessions/" + id + "/status", ALICE_TOKEN, null).json()
                .path("state").asText()).isEqualTo("disconnected");
        assertThat(api.robot("POST", "/api/v1/sessions/" + id + "/heartbeat", aliceRobotKey, "{}").status())
                .isEqualTo(404);
        awaitLivePeerConnections(0);
    }

    @Test
    void joinLeaveCyclesLeaveNoPeerConnectionBehind() {
        String id = register(aliceRobotKey);
        for (int i = 0; i < 5; i++) {
            try (TestPeer operator = TestPeer.operator()) {
                assertThat(join(id, ALICE_TOKEN, operator).status()).isEqualTo(200);
                awaitLivePeerConnections(2);
                assertThat(api.operator("POST", "/api/v1/sessions/" + id + "/leave", ALICE_TOKEN, null).status())
                        .isEqualTo(200);
                awaitLivePeerConnections(1);
            }
        }
        // the same operator joining twice (a reloaded page) replaces its first connection
        try (TestPeer tab1 = TestPeer.operator(); TestPeer tab2 = TestPeer.operator()) {
            assertThat(join(id, ALICE_TOKEN, tab1).status()).isEqualTo(200);
            assertThat(join(id, ALICE_TOKEN, tab2).status()).isEqualTo(200);
            awaitLivePeerConnections(2);
        }
        assertThat(api.robot("DELETE", "/api/v1/sessions/" + id, aliceRobotKey, null).status()).isEqualTo(204);
        awaitLivePeerConnections(0);
    }

    /** Parses, but libwebrtc refuses it: no ICE credentials, no DTLS fingerprint. */
    private static final String UNUSABLE_OFFER = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-",
            "t=0 0", "a=group:BUNDLE 0", "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0",
            "a=mid:0", "a=sctp-port:5000", "");

    @Test
    void anOfferTheRelayCannotApplyIs502AndLeavesNothingBehind() {
        ApiClient.Response robotOffer = api.robot("POST", "/api/v1/sessions", aliceRobotKey,
                ApiClient.json("robot_name", "go2", "sdp_offer", UNUSABLE_OFFER));
        assertThat(robotOffer.status()).isEqualTo(502);
        assertThat(robotOffer.detail()).startsWith("Relay failed on the robot offer");
        assertThat(api.operator("GET", "/api/v1/sessions", ALICE_TOKEN, null).json()).isEmpty();
        awaitLivePeerConnections(0);

        String id = register(aliceRobotKey);
        ApiClient.Response operatorOffer = api.operator("POST", "/api/v1/sessions/" + id + "/join", ALICE_TOKEN,
                ApiClient.json("sdp_offer", UNUSABLE_OFFER));
        assertThat(operatorOffer.status()).isEqualTo(502);
        // the slot was released: the session is idle and another operator may join
        assertThat(api.operator("GET", "/api/v1/sessions/" + id + "/status", ALICE_TOKEN, null).json()
                .path("operator_id").isNull()).isTrue();
        try (TestPeer operator = TestPeer.operator()) {
            assertThat(join(id, "carol-dev-token", operator).status()).isEqualTo(200);
        }
        awaitLivePeerConnections(2);
    }

    private String register(String key) {
        ApiClient.Response r = api.robot("POST", "/api/v1/sessions", key,
                ApiClient.json("robot_name", "go2", "sdp_offer", robot.offer()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("session_id").asText();
    }

    private ApiClient.Response join(String id, String token, TestPeer operator) {
        return api.operator("POST", "/api/v1/sessions/" + id + "/join", token,
                ApiClient.json("sdp_offer", operator.offer()));
    }

    private void heartbeat(String id) {
        assertThat(api.robot("POST", "/api/v1/sessions/" + id + "/heartbeat", aliceRobotKey, "{}").status())
                .isEqualTo(200);
    }

    private void awaitLivePeerConnections(int expected) {
        StepVerifier.create(Flux.interval(Duration.ofMillis(20)).map(t -> server.livePeerConnections())
                        .filter(n -> n == expected).next())
                .expectNext(expected)
                .expectComplete()
                .verify(WAIT);
    }
}
