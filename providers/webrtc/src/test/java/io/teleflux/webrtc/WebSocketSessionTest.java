package io.teleflux.webrtc;

import static io.teleflux.webrtc.TestLinks.TIMEOUT;

import io.teleflux.Channels;
import io.teleflux.Session;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/** Two WebRTC sessions that meet through the WebSocket signaling server, as two processes would. */
@ExtendWith(NetworkNamespace.class)
class WebSocketSessionTest {

    @Test
    void sessionsConnectThroughTheWebSocketServerAndExchangeBothWays() {
        WebSocketSignalingServer server = WebSocketSignalingServer.start("127.0.0.1", 0);
        try {
            WebRtcConfig config = WebRtcConfig.of(Signaling.webSocket(server.uri("robot-7")));
            Tuple2<Session, Session> pair = TestLinks.connect(config, config, Channels.STANDARD);
            try {
                Session robot = pair.getT1();
                Session operator = pair.getT2();
                StepVerifier.create(robot.receive(Channels.STATE_RELIABLE).map(TestLinks::index).take(10))
                        .then(() -> operator.send(Channels.STATE_RELIABLE,
                                Flux.range(0, 10).map(i -> TestLinks.payload(i, 64)))
                                .subscribe())
                        .expectNextSequence(IntStream.range(0, 10).boxed().toList())
                        .expectComplete()
                        .verify(TIMEOUT);
                StepVerifier.create(operator.receive(Channels.STATE_RELIABLE_BACK).map(TestLinks::index).take(1))
                        .then(() -> robot.send(Channels.STATE_RELIABLE_BACK,
                                Flux.just(TestLinks.payload(5, 64))).subscribe())
                        .expectNext(5)
                        .expectComplete()
                        .verify(TIMEOUT);
            } finally {
                TestLinks.close(pair);
            }
        } finally {
            server.dispose();
        }
    }
}
