package io.teleflux.webrtc;

import static io.teleflux.webrtc.TestLinks.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.ChannelSpec;
import io.teleflux.Channels;
import io.teleflux.Role;
import io.teleflux.spi.Endpoint;
import io.teleflux.spi.EndpointListener;
import io.teleflux.spi.EndpointRequest;
import io.teleflux.spi.Provider;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/** An exception in code that libwebrtc calls back is counted and logged, never thrown into native code. */
@ExtendWith(NetworkNamespace.class)
class CallbackGuardTest {

    @Test
    void exceptionInAListenerIsCountedAndDeliveryGoesOn() {
        InProcessSignaling s = TestLinks.signaling("guard");
        Provider robotProvider = WebRtcConfig.of(s.robot()).createProvider();
        Provider operatorProvider = WebRtcConfig.of(s.operator()).createProvider();
        List<ChannelSpec> channels = List.of(Channels.STATE_RELIABLE);
        Queue<Integer> received = new ConcurrentLinkedQueue<>();
        EndpointListener throwsOnOdd = new EndpointListener() {
            @Override
            public void onMessage(ChannelSpec channel, byte[] payload) {
                int i = TestLinks.index(payload);
                if (i % 2 == 1) {
                    throw new IllegalStateException("listener bug on " + i);
                }
                received.add(i);
            }

            @Override
            public void onOutboundDropped(ChannelSpec channel, long count, String reason) {
            }
        };
        EndpointListener ignores = new EndpointListener() {
            @Override
            public void onMessage(ChannelSpec channel, byte[] payload) {
            }

            @Override
            public void onOutboundDropped(ChannelSpec channel, long count, String reason) {
            }
        };
        Mono.when(robotProvider.start(), operatorProvider.start()).block(TIMEOUT);
        try {
            Tuple2<Endpoint, Endpoint> pair = Mono.zip(
                    robotProvider.open(new EndpointRequest(Role.ROBOT, channels, throwsOnOdd)),
                    operatorProvider.open(new EndpointRequest(Role.OPERATOR, channels, ignores))).block(TIMEOUT);
            assertThat(pair).isNotNull();
            long before = WebRtcSessions.callbackFailures();
            StepVerifier.create(pair.getT2().send(Channels.STATE_RELIABLE,
                            Flux.range(0, 6).map(i -> TestLinks.payload(i, 16))))
                    .expectComplete()
                    .verify(TIMEOUT);
            TestLinks.await("even payloads delivered", () -> received.size() == 3, TIMEOUT);
            assertThat(received).containsExactly(0, 2, 4);
            TestLinks.await("three failures counted", () -> WebRtcSessions.callbackFailures() - before == 3, TIMEOUT);
            Mono.when(pair.getT1().close(), pair.getT2().close()).block(TIMEOUT);
        } finally {
            Mono.when(robotProvider.stop(), operatorProvider.stop()).block(TIMEOUT);
        }
        assertThat(PeerConnectionFactoryLease.isFactoryActive()).isFalse();
    }
}
