package io.teleflux.webrtc.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import io.teleflux.ChannelSpec;
import io.teleflux.Channels;
import io.teleflux.SessionClosedException;
import io.teleflux.spi.EndpointListener;
import io.teleflux.webrtc.NetworkNamespace;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * The edges of a binding's sender on two connected plain peers: a send that is still running when the binding closes,
 * a publisher that ignores back-pressure, and sends that share the sender thread.
 */
@ExtendWith(NetworkNamespace.class)
class DataChannelSenderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ChannelSpec SPEC = Channels.STATE_RELIABLE;

    /** One end: a connection without trickled candidates and one bound channel. */
    private static final class Peer implements EndpointListener {
        final Sinks.Many<Integer> received = Sinks.many().replay().all();
        final Sinks.Many<RTCDataChannelState> states = Sinks.many().replay().all();
        final RTCPeerConnection pc;
        final DataChannelBinding binding;

        Peer(PeerConnectionFactoryLease lease, boolean sends) {
            pc = lease.createPeerConnection(PeerConfigurations.of(List.of(), false), new PeerConnectionObserver() {
                @Override
                public void onIceCandidate(RTCIceCandidate candidate) {
                    // non-trickle: the candidates travel inside the descriptions
                }
            });
            binding = DataChannelBinding.bind(DataChannels.createNegotiated(pc, SPEC, 0), SPEC, this, !sends, sends,
                    DataChannelBinding.DEFAULT_SEND_HIGH_WATER_MARK, "sender-test-send",
                    s -> states.emitNext(s, Sinks.EmitFailureHandler.busyLooping(TIMEOUT)));
        }

        @Override
        public void onMessage(ChannelSpec channel, byte[] payload) {
            received.emitNext(ByteBuffer.wrap(payload).getInt(), Sinks.EmitFailureHandler.busyLooping(TIMEOUT));
        }

        @Override
        public void onOutboundDropped(ChannelSpec channel, long count, String reason) {
        }

        void close() {
            binding.close();
            PeerConnectionFactoryLease.closePeerConnection(pc);
        }
    }

    private PeerConnectionFactoryLease lease;
    private Peer sender;
    private Peer receiver;

    @BeforeEach
    void connect() {
        lease = PeerConnectionFactoryLease.acquire();
        sender = new Peer(lease, true);
        receiver = new Peer(lease, false);
        RTCSessionDescription offer = SessionDescriptions.createOffer(sender.pc)
                .flatMap(o -> SessionDescriptions.setLocal(sender.pc, o))
                .then(IceGathering.completeLocalDescription(sender.pc, Duration.ofSeconds(5)))
                .block(TIMEOUT);
        assertThat(offer).isNotNull();
        receiver.binding.negotiated(Framing.NONE, SdpAttributes.maxMessageSize(offer.sdp));
        RTCSessionDescription answer = SessionDescriptions.setRemote(receiver.pc,
                        new RTCSessionDescription(RTCSdpType.OFFER, offer.sdp))
                .then(SessionDescriptions.createAnswer(receiver.pc))
                .flatMap(a -> SessionDescriptions.setLocal(receiver.pc, a))
                .then(IceGathering.completeLocalDescription(receiver.pc, Duration.ofSeconds(5)))
                .block(TIMEOUT);
        assertThat(answer).isNotNull();
        sender.binding.negotiated(Framing.NONE, SdpAttributes.maxMessageSize(answer.sdp));
        StepVerifier.create(SessionDescriptions.setRemote(sender.pc,
                        new RTCSessionDescription(RTCSdpType.ANSWER, answer.sdp)))
                .expectComplete()
                .verify(TIMEOUT);
        StepVerifier.create(sender.states.asFlux().filter(s -> s == RTCDataChannelState.OPEN).take(1))
                .expectNext(RTCDataChannelState.OPEN)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @AfterEach
    void close() {
        sender.close();
        receiver.close();
        lease.close();
    }

    private static byte[] payload(int i) {
        return ByteBuffer.allocate(16).putInt(i).array();
    }

    @Test
    void aSendStillRunningWhenTheBindingClosesEndsWithSessionClosed() {
        Sinks.Many<byte[]> payloads = Sinks.many().unicast().onBackpressureBuffer();
        StepVerifier.create(sender.binding.send(payloads.asFlux()))
                .then(() -> payloads.tryEmitNext(payload(1)))
                .then(() -> StepVerifier.create(receiver.received.asFlux().take(1))
                        .expectNext(1)
                        .expectComplete()
                        .verify(TIMEOUT))
                .then(sender.binding::stopSending)
                .expectError(SessionClosedException.class)
                .verify(TIMEOUT);
        StepVerifier.create(sender.binding.send(Flux.just(payload(2))))
                .expectError(SessionClosedException.class)
                .verify(TIMEOUT);
    }

    @Test
    void aPublisherThatIgnoresBackPressureIsRefusedOnceABatchIsWaiting() {
        // emits 1,000 payloads at once, whatever was requested
        Publisher<byte[]> unruly = subscriber -> {
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            for (int i = 0; i < 1000; i++) {
                subscriber.onNext(payload(i));
            }
            subscriber.onComplete();
        };
        StepVerifier.create(sender.binding.send(unruly))
                .expectErrorMatches(Exceptions::isOverflow)
                .verify(TIMEOUT);
        // no more than one batch ever waited for the sender thread: what went out before the refusal is in order
        StepVerifier.create(receiver.received.asFlux().take(Duration.ofSeconds(1)).collectList())
                .assertNext(got -> assertThat(got)
                        .hasSizeBetween(DataChannelSender.BATCH, 999)
                        .containsExactlyElementsOf(IntStream.range(0, got.size()).boxed().toList()))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void concurrentSendsShareTheSenderThreadAndEachKeepsItsOrder() {
        int n = 2000;
        Flux<byte[]> evens = Flux.range(0, n).map(i -> payload(2 * i));
        Flux<byte[]> odds = Flux.range(0, n).map(i -> payload(2 * i + 1));
        StepVerifier.create(receiver.received.asFlux().take(2L * n).collectList())
                .then(() -> sender.binding.send(evens).subscribe())
                .then(() -> sender.binding.send(odds).subscribe())
                .assertNext(got -> {
                    assertThat(got.stream().filter(i -> i % 2 == 0).toList())
                            .containsExactlyElementsOf(IntStream.range(0, n).map(i -> 2 * i).boxed().toList());
                    assertThat(got.stream().filter(i -> i % 2 == 1).toList())
                            .containsExactlyElementsOf(IntStream.range(0, n).map(i -> 2 * i + 1).boxed().toList());
                })
                .expectComplete()
                .verify(TIMEOUT);
    }
}
