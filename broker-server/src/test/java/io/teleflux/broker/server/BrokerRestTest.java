package io.teleflux.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.webrtc.IceServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * REST semantics that need no peer connection, against a real server on an ephemeral port: health, auth, keys,
 * owner scoping of keys, malformed bodies, static pages. (Sessions, which need the relay, are in
 * {@code SessionRestTest}, inside a network namespace.)
 */
class BrokerRestTest {

    private static final String ALICE = "alice@example.org";
    private static final String BOB = "bob@example.org";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T12:00:00Z"));
    private BrokerServer server;
    private ApiClient api;

    @BeforeEach
    void start() {
        server = BrokerServer.start(BrokerOptions.defaults()
                .withPort(0)
                .withClock(clock)
                .withDevToken("alice-dev-token", ALICE)
                .withIceServers(List.of(IceServer.turn("turn:turn.example.org:3478", "u", "p")))).block(
                Duration.ofSeconds(10));
        api = new ApiClient(server.baseUri());
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    @Test
    void healthNeedsNoAuth() {
        ApiClient.Response r = api.anonymous("GET", "/health", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("ok");
        assertThat(r.json().path("environment").asText()).isEqualTo("production");
    }

    @Test
    void startIsColdAndEachSubscriptionStartsItsOwnBroker() {
        var options = BrokerOptions.defaults().withPort(0);
        var start = BrokerServer.start(options);
        BrokerServer a = start.block(Duration.ofSeconds(10));
        BrokerServer b = start.block(Duration.ofSeconds(10));
        try {
            assertThat(a.port()).isNotEqualTo(b.port());
        } finally {
            a.disposeNow();
            b.disposeNow();
        }
    }

    @Test
    void startFailsWhenThePortIsTaken() {
        StepVerifier.create(BrokerServer.start(BrokerOptions.defaults().withPort(server.port())))
                .expectError()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void operatorAuthAcceptsDevTokensAndValidJwtsOnly() {
        assertThat(api.operator("GET", "/api/v1/auth/me", "alice-dev-token", null).json().path("sub").asText())
                .isEqualTo(ALICE);

        String jwt = server.issueOperatorToken(BOB, Duration.ofMinutes(10));
        ApiClient.Response me = api.operator("GET", "/api/v1/auth/me", jwt, null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("sub").asText()).isEqualTo(BOB);
        assertThat(me.json().path("role").asText()).isEqualTo("user");

        clock.advance(Duration.ofMinutes(11));
        ApiClient.Response expired = api.operator("GET", "/api/v1/auth/me", jwt, null);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.detail()).contains("expired");

        String forged = new Hs256Jwt(new byte[32]).sign(BOB, clock.instant(), clock.instant().plusSeconds(60),
                false);
        assertThat(api.operator("GET", "/api/v1/auth/me", forged, null).status()).isEqualTo(401);
        assertThat(api.operator("GET", "/api/v1/auth/me", "not.a.jwt", null).status()).isEqualTo(401);
        assertThat(api.anonymous("GET", "/api/v1/auth/me", null).status()).isEqualTo(401);
        assertThat(api.anonymous("GET", "/api/v1/sessions", null).json().path("detail").asText())
                .isEqualTo("Missing bearer token");
    }

    @Test
    void keysAreCreatedShownOnceListedAndRevokedPerOwner() {
        ApiClient.Response created = api.operator("POST", "/api/v1/keys", "alice-dev-token",
                ApiClient.json("name", "Go2 lab", "robot_id", "go2-lab"));
        assertThat(created.status()).isEqualTo(201);
        String apiKey = created.json().path("api_key").asText();
        assertThat(apiKey).matches("dtk_live_[0-9a-f]{40}");
        assertThat(created.json().path("key_prefix").asText()).isEqualTo(apiKey.substring(0, 14));
        assertThat(created.json().path("robot_id").asText()).isEqualTo(ALICE + ":go2-lab");

        ApiClient.Response list = api.operator("GET", "/api/v1/keys", "alice-dev-token", null);
        assertThat(list.json().path("keys")).hasSize(1);
        assertThat(list.json().path("keys").get(0).has("api_key")).isFalse();
        assertThat(list.body()).doesNotContain(apiKey);

        String bob = server.issueOperatorToken(BOB, Duration.ofHours(1));
        String keyId = created.json().path("id").asText();
        assertThat(api.operator("GET", "/api/v1/keys", bob, null).json().path("keys")).isEmpty();
        assertThat(api.operator("DELETE", "/api/v1/keys/" + keyId, bob, null).status()).isEqualTo(404);

        // the robot key works until it is revoked
        assertThat(api.robot("GET", "/api/v1/sessions/turn-credentials", apiKey, null).status()).isEqualTo(200);
        assertThat(api.operator("DELETE", "/api/v1/keys/" + keyId, "alice-dev-token", null).status())
                .isEqualTo(204);
        assertThat(api.operator("DELETE", "/api/v1/keys/" + keyId, "alice-dev-token", null).status())
                .isEqualTo(404);
        assertThat(api.robot("GET", "/api/v1/sessions/turn-credentials", apiKey, null).status()).isEqualTo(401);
    }

    @Test
    void aBadApiKeyIs401AndCreatesNoSession() {
        ApiClient.Response r = api.robot("POST", "/api/v1/sessions", "dtk_live_" + "0".repeat(40),
                ApiClient.json("robot_name", "r", "sdp_offer", "v=0\r\n"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.detail()).isEqualTo("Invalid API key");
        assertThat(api.anonymous("POST", "/api/v1/sessions", "{}").status()).isEqualTo(401);
        assertThat(api.operator("GET", "/api/v1/sessions", "alice-dev-token", null).json()).isEmpty();
        assertThat(server.livePeerConnections()).isZero();
    }

    @Test
    void malformedBodiesAre422WithADetail() {
        String key = server.createRobotKey(ALICE, "r1", "r1").block(Duration.ofSeconds(5)).apiKey();
        String path = "/api/v1/sessions";
        assertThat(api.robot("POST", path, key, "{not json").status()).isEqualTo(422);
        assertThat(api.robot("POST", path, key, "[1,2]").detail()).isEqualTo("Request body must be a JSON object");
        assertThat(api.robot("POST", path, key, null).status()).isEqualTo(422);
        ApiClient.Response noOffer = api.robot("POST", path, key, ApiClient.json("robot_name", "r1"));
        assertThat(noOffer.status()).isEqualTo(422);
        assertThat(noOffer.detail()).isEqualTo("Field 'sdp_offer' is required");
        assertThat(api.robot("POST", path, key, ApiClient.json("robot_name", 5, "sdp_offer", "v=0")).detail())
                .isEqualTo("Field 'robot_name' must be a string");
        assertThat(api.robot("POST", path, key, ApiClient.json("sdp_offer", "hello")).status()).isEqualTo(422);
        String noData = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";
        assertThat(api.robot("POST", path, key, ApiClient.json("sdp_offer", noData)).detail())
                .startsWith("Field 'sdp_offer' has no data channel section");
        assertThat(api.robot("POST", path, key, ApiClient.json("sdp_offer", "v=0\r\nthis is not sdp\r\n"))
                .detail()).isEqualTo("Field 'sdp_offer' is not an SDP offer: line 2 is not <letter>=<value>");
        assertThat(api.robot("POST", path, key, ApiClient.json("sdp_offer", "v=0\r\nm=application 9 x\r\n"))
                .detail()).contains("lacks a well-formed o=");
        assertThat(api.robot("POST", path, key, ApiClient.json("transport", "carrier-pigeon", "sdp_offer", "v=0"))
                .status()).isEqualTo(422);
        assertThat(api.robot("POST", path, key, ApiClient.json("transport", "livekit")).status()).isEqualTo(503);
        assertThat(api.robot("POST", "/api/v1/sessions/x/heartbeat", key, ApiClient.json("rtt_ms", "fast"))
                .status()).isEqualTo(422);
        assertThat(api.operator("POST", "/api/v1/keys", "alice-dev-token", "{}").detail())
                .isEqualTo("Field 'name' is required");
        assertThat(api.operator("POST", "/api/v1/keys", "alice-dev-token",
                ApiClient.json("name", "x", "robot_id", "a b")).status()).isEqualTo(422);
        assertThat(api.operator("POST", "/api/v1/sessions/x/join", "alice-dev-token", "nope").status())
                .isEqualTo(422);
        assertThat(server.livePeerConnections()).isZero();
    }

    @Test
    void unknownSessionsAre404ForRobotsAndOperators() {
        String key = server.createRobotKey(ALICE, "r1", "r1").block(Duration.ofSeconds(5)).apiKey();
        assertThat(api.robot("POST", "/api/v1/sessions/nope/heartbeat", key, "{}").status()).isEqualTo(404);
        assertThat(api.robot("DELETE", "/api/v1/sessions/nope", key, null).status()).isEqualTo(404);
        assertThat(api.operator("GET", "/api/v1/sessions/nope/status", "alice-dev-token", null).status())
                .isEqualTo(404);
        assertThat(api.operator("POST", "/api/v1/sessions/nope/op-heartbeat", "alice-dev-token", null).status())
                .isEqualTo(404);
        ApiClient.Response unknownPath = api.anonymous("GET", "/api/v1/nothing-here", null);
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.detail()).isEqualTo("Not Found");
    }

    @Test
    void turnCredentialsHandOutTheConfiguredIceServersToRobotsAndOperators() {
        String key = server.createRobotKey(ALICE, "r1", "r1").block(Duration.ofSeconds(5)).apiKey();
        ApiClient.Response robot = api.robot("GET", "/api/v1/sessions/turn-credentials", key, null);
        assertThat(robot.json().path("ice_servers").get(0).path("urls").asText())
                .isEqualTo("turn:turn.example.org:3478");
        assertThat(robot.json().path("ice_servers").get(0).path("credential").asText()).isEqualTo("p");
        assertThat(api.operator("GET", "/api/v1/sessions/turn-credentials", "alice-dev-token", null).status())
                .isEqualTo(200);
        assertThat(api.anonymous("GET", "/api/v1/sessions/turn-credentials", null).status()).isEqualTo(401);
    }

    @Test
    void rateLimitsAreOnlyLoggedUnlessEnforced() {
        String key = server.createRobotKey(ALICE, "r1", "r1").block(Duration.ofSeconds(5)).apiKey();
        for (int i = 0; i < 8; i++) {
            assertThat(api.robot("GET", "/api/v1/sessions/turn-credentials", key, null).status()).isEqualTo(200);
        }
    }

    @Test
    void enforcedRateLimitsAre429WithRetryAfterAndRefillOverTime() {
        BrokerServer strict = BrokerServer.start(BrokerOptions.defaults().withPort(0).withClock(clock)
                .withRateLimitsEnforced(true).withDevToken("alice-dev-token", ALICE)).block(Duration.ofSeconds(10));
        try {
            ApiClient client = new ApiClient(strict.baseUri());
            for (int i = 0; i < 6; i++) {
                assertThat(client.operator("GET", "/api/v1/sessions/turn-credentials", "alice-dev-token", null)
                        .status()).isEqualTo(200);
            }
            ApiClient.Response refused = client.operator("GET", "/api/v1/sessions/turn-credentials",
                    "alice-dev-token", null);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.detail()).startsWith("Rate limit exceeded for turn_credentials");
            assertThat(refused.retryAfter()).isEqualTo("10");
            // listing is exempt; another caller has its own bucket
            assertThat(client.operator("GET", "/api/v1/sessions", "alice-dev-token", null).status()).isEqualTo(200);
            String bob = strict.issueOperatorToken(BOB, Duration.ofHours(1));
            assertThat(client.operator("GET", "/api/v1/sessions/turn-credentials", bob, null).status())
                    .isEqualTo(200);
            // 6 per minute: one token is back after 10 s
            clock.advance(Duration.ofSeconds(10));
            assertThat(client.operator("GET", "/api/v1/sessions/turn-credentials", "alice-dev-token", null)
                    .status()).isEqualTo(200);
            assertThat(client.operator("GET", "/api/v1/sessions/turn-credentials", "alice-dev-token", null)
                    .status()).isEqualTo(429);
        } finally {
            strict.disposeNow();
        }
    }

    @Test
    void theOperatorPageIsServedWithContentTypes() {
        ApiClient.Response index = api.anonymous("GET", "/", null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(index.body()).containsIgnoringCase("<html");
        ApiClient.Response js = api.anonymous("GET", "/api.js", null);
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(api.anonymous("GET", "/missing.js", null).status()).isEqualTo(404);
        assertThat(api.anonymous("GET", "/../BrokerServer.class", null).status()).isEqualTo(404);
        assertThat(StaticPages.contentType("a/b.css")).isEqualTo("text/css; charset=utf-8");
    }
}
