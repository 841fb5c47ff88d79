package io.teleflux.webrtc;

import static io.teleflux.webrtc.TestLinks.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.Role;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/** The WebSocket signaling client and server, over loopback, without WebRTC. */
class WebSocketSignalingTest {

    private WebSocketSignalingServer server;

    @BeforeEach
    void start() {
        server = WebSocketSignalingServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.dispose();
    }

    private Tuple2<SignalingSession, SignalingSession> pair(String room) {
        Signaling signaling = Signaling.webSocket(server.uri(room));
        Tuple2<SignalingSession, SignalingSession> pair =
                Mono.zip(signaling.open(Role.ROBOT), signaling.open(Role.OPERATOR)).block(TIMEOUT);
        assertThat(pair).isNotNull();
        return pair;
    }

    @Test
    void pairedEndsExchangeMessagesInOrderBothWays() {
        var pair = pair("lab");
        SignalingSession robot = pair.getT1();
        SignalingSession operator = pair.getT2();
        SignalingMessage offer = new SignalingMessage.Offer("v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\na=\"x\"\\\r\n",
                List.of("cmd", "state"));
        SignalingMessage candidate = new SignalingMessage.Candidate("0", 0, "candidate:1 1 udp 1 10.77.0.1 5000 typ host");
        StepVerifier.create(robot.receive().take(2))
                .then(() -> operator.send(offer).then(operator.send(candidate)).subscribe())
                .expectNext(offer, candidate)
                .expectComplete()
                .verify(TIMEOUT);
        SignalingMessage answer = new SignalingMessage.Answer("v=0\r\n");
        StepVerifier.create(operator.receive().take(1))
                .then(() -> robot.send(answer).subscribe())
                .expectNext(answer)
                .expectComplete()
                .verify(TIMEOUT);
        robot.close().block(TIMEOUT);
        operator.close().block(TIMEOUT);
    }

    @Test
    void closingOneEndEndsThePeersMessages() {
        var pair = pair("closing");
        StepVerifier.create(pair.getT2().receive())
                .then(() -> pair.getT1().close().subscribe())
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void roomsAreSeparateAndPairingWaitsForTheOtherRole() {
        Signaling a = Signaling.webSocket(server.uri("a"));
        Signaling b = Signaling.webSocket(server.uri("b"));
        Mono<SignalingSession> robotA = a.open(Role.ROBOT).cache();
        Mono<SignalingSession> operatorB = b.open(Role.OPERATOR).cache();
        StepVerifier.create(Mono.zip(robotA, operatorB))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(300))
                .then(() -> Mono.zip(a.open(Role.OPERATOR), b.open(Role.ROBOT)).subscribe(t -> {
                    t.getT1().close().subscribe();
                    t.getT2().close().subscribe();
                }))
                .assertNext(t -> {
                    t.getT1().close().subscribe();
                    t.getT2().close().subscribe();
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void unknownPathIsRefused() {
        Signaling bad = Signaling.webSocket(java.net.URI.create("ws://127.0.0.1:" + server.port() + "/a/b"));
        StepVerifier.create(bad.open(Role.ROBOT))
                .expectError(IllegalStateException.class)
                .verify(TIMEOUT);
    }
}
