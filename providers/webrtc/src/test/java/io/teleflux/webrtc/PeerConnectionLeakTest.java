package io.teleflux.webrtc;

import static io.teleflux.webrtc.TestLinks.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.spi.ProviderRegistry;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/** Connecting and closing leaves nothing behind: no peer connection, no factory, no thread, no provider. */
@ExtendWith(NetworkNamespace.class)
class PeerConnectionLeakTest {

    @Test
    void tenConnectCloseCyclesLeaveNoPeerConnectionFactoryOrThread() {
        for (int cycle = 0; cycle < 10; cycle++) {
            InProcessSignaling s = TestLinks.signaling("leak");
            WebRtcConfig robotConfig = WebRtcConfig.of(s.robot());
            WebRtcConfig operatorConfig = WebRtcConfig.of(s.operator());
            Tuple2<Session, Session> pair = TestLinks.connect(robotConfig, operatorConfig, Channels.STANDARD);
            assertThat(PeerConnectionFactoryLease.livePeerConnections()).isEqualTo(2);
            int c = cycle;
            StepVerifier.create(pair.getT1().receive(Channels.STATE_RELIABLE).map(TestLinks::index).take(1))
                    .then(() -> pair.getT2().send(Channels.STATE_RELIABLE,
                            Flux.just(TestLinks.payload(c, 32))).subscribe())
                    .expectNext(c)
                    .expectComplete()
                    .verify(TIMEOUT);
            TestLinks.close(pair);
            assertThat(PeerConnectionFactoryLease.livePeerConnections()).as("live peer connections").isZero();
            assertThat(PeerConnectionFactoryLease.isFactoryActive()).as("factory alive").isFalse();
            assertThat(ProviderRegistry.global().isActive(robotConfig)).isFalse();
            assertThat(ProviderRegistry.global().isActive(operatorConfig)).isFalse();
        }
        TestLinks.await("provider threads ended", () -> TestLinks.threads("teleflux-webrtc-").isEmpty(), TIMEOUT);
    }
}
