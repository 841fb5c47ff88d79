package io.teleflux.webrtc.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import io.teleflux.ChannelSpec;
import io.teleflux.Channels;
import io.teleflux.spi.EndpointListener;
import io.teleflux.webrtc.NetworkNamespace;
import io.teleflux.webrtc.WebRtcStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * The public building blocks alone connect two plain peers the way a broker client does: non-trickle offer and
 * answer (candidates only inside the descriptions), negotiated channels bound to listeners, stats, and release.
 */
@ExtendWith(NetworkNamespace.class)
class PeerBuildingBlocksTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** One plain peer: a connection whose observer ignores trickled candidates, and one bound channel. */
    private static final class Peer implements EndpointListener {
        final Sinks.Many<String> received = Sinks.many().replay().all();
        final Sinks.Many<RTCPeerConnectionState> states = Sinks.many().replay().latest();
        final Sinks.Many<RTCDataChannelState> channelStates = Sinks.many().replay().all();
        final RTCPeerConnection pc;
        final DataChannelBinding binding;

        Peer(PeerConnectionFactoryLease lease, ChannelSpec spec, boolean sends) {
            pc = lease.createPeerConnection(PeerConfigurations.of(List.of(), false), new PeerConnectionObserver() {
                @Override
                public void onIceCandidate(RTCIceCandidate candidate) {
                    // non-trickle: the candidates travel inside the descriptions
                }

                @Override
                public void onConnectionChange(RTCPeerConnectionState state) {
                    NativeCallbacks.guard("onConnectionChange", () -> states.tryEmitNext(state));
                }
            });
            binding = DataChannelBinding.bind(DataChannels.createNegotiated(pc, spec, 0), spec, this, !sends, sends,
                    DataChannelBinding.DEFAULT_SEND_HIGH_WATER_MARK, "peer-test-send",
                    channelStates::tryEmitNext);
        }

        @Override
        public void onMessage(ChannelSpec channel, byte[] payload) {
            received.tryEmitNext(new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void onOutboundDropped(ChannelSpec channel, long count, String reason) {
        }

        void close() {
            binding.close();
            PeerConnectionFactoryLease.closePeerConnection(pc);
        }
    }

    @Test
    void nonTrickleOfferAndAnswerConnectBoundChannels() {
        int livePcsBefore = PeerConnectionFactoryLease.livePeerConnections();
        ChannelSpec spec = Channels.STATE_RELIABLE;
        PeerConnectionFactoryLease lease = PeerConnectionFactoryLease.acquire();
        Peer offerer = new Peer(lease, spec, true);
        Peer answerer = new Peer(lease, spec, false);
        try {
            RTCSessionDescription offer = SessionDescriptions.createOffer(offerer.pc)
                    .flatMap(o -> SessionDescriptions.setLocal(offerer.pc, o))
                    .then(IceGathering.completeLocalDescription(offerer.pc, Duration.ofSeconds(5)))
                    .block(TIMEOUT);
            assertThat(offer).isNotNull();
            assertThat(offer.sdp).contains("a=candidate:");
            answerer.binding.negotiated(Framing.NONE, SdpAttributes.maxMessageSize(offer.sdp));
            RTCSessionDescription answer = SessionDescriptions.setRemote(answerer.pc,
                            new RTCSessionDescription(RTCSdpType.OFFER, offer.sdp))
                    .then(SessionDescriptions.createAnswer(answerer.pc))
                    .flatMap(a -> SessionDescriptions.setLocal(answerer.pc, a))
                    .then(IceGathering.completeLocalDescription(answerer.pc, Duration.ofSeconds(5)))
                    .block(TIMEOUT);
            assertThat(answer).isNotNull();
            assertThat(SdpAttributes.maxMessageSize(answer.sdp)).isEqualTo(262_144);
            offerer.binding.negotiated(Framing.NONE, SdpAttributes.maxMessageSize(answer.sdp));
            StepVerifier.create(SessionDescriptions.setRemote(offerer.pc,
                            new RTCSessionDescription(RTCSdpType.ANSWER, answer.sdp)))
                    .expectComplete()
                    .verify(TIMEOUT);
            StepVerifier.create(offerer.channelStates.asFlux().filter(s -> s == RTCDataChannelState.OPEN).take(1))
                    .expectNext(RTCDataChannelState.OPEN)
                    .expectComplete()
                    .verify(TIMEOUT);
            assertThat(offerer.binding.payloadLimit()).isEqualTo(262_144);

            StepVerifier.create(answerer.received.asFlux().take(3))
                    .then(() -> offerer.binding.send(Flux.just("a", "b", "c")
                            .map(s -> s.getBytes(StandardCharsets.UTF_8))).subscribe())
                    .expectNext("a", "b", "c")
                    .expectComplete()
                    .verify(TIMEOUT);
            StepVerifier.create(answerer.binding.send(Flux.just(new byte[1])))
                    .expectError(IllegalStateException.class)
                    .verify(TIMEOUT);
            StepVerifier.create(PeerStats.sample(offerer.pc).map(WebRtcStats::of))
                    .assertNext(stats -> {
                        assertThat(stats.messagesSent()).isEqualTo(3);
                        assertThat(stats.selectedCandidatePair()).isPresent();
                    })
                    .expectComplete()
                    .verify(TIMEOUT);
        } finally {
            offerer.close();
            answerer.close();
            lease.close();
        }
        StepVerifier.create(offerer.binding.send(Flux.just(new byte[1])))
                .expectError(io.teleflux.SessionClosedException.class)
                .verify(TIMEOUT);
        assertThat(PeerConnectionFactoryLease.livePeerConnections()).isEqualTo(livePcsBefore);
        assertThat(PeerConnectionFactoryLease.isFactoryActive()).isFalse();
        assertThatThrownBy(lease::factory).isInstanceOf(IllegalStateException.class);
    }
}
