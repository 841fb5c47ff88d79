package io.teleflux.broker;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import io.teleflux.ChannelSpec;
import io.teleflux.TelefluxException;
import io.teleflux.spi.EndpointListener;
import io.teleflux.webrtc.IceServer;
import io.teleflux.webrtc.peer.DataChannelBinding;
import io.teleflux.webrtc.peer.DataChannels;
import io.teleflux.webrtc.peer.Framing;
import io.teleflux.webrtc.peer.IceGathering;
import io.teleflux.webrtc.peer.NativeCallbacks;
import io.teleflux.webrtc.peer.PeerConfigurations;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import io.teleflux.webrtc.peer.SdpAttributes;
import io.teleflux.webrtc.peer.SessionDescriptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One peer connection towards the broker's SFU, with its own control thread: the broker providers (robot and
 * operator) run every call into the peer connection on {@link #control()}, never on libwebrtc's threads.
 */
final class PeerLink {

    private static final Logger log = LoggerFactory.getLogger(PeerLink.class);
    private static final AtomicInteger IDS = new AtomicInteger();

    /** How long ICE gathering may take before the offer goes out with what it has. */
    static final Duration GATHERING = Duration.ofSeconds(10);

    private final String name;
    private final PeerConnectionFactoryLease lease;
    private final Scheduler control;
    private final Sinks.Many<RTCPeerConnectionState> states = Sinks.many().replay().latest();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile RTCPeerConnection pc;
    private volatile Consumer<RTCRtpTransceiver> onTrack = t -> { };

    private PeerLink(String name, PeerConnectionFactoryLease lease) {
        this.name = name;
        this.lease = lease;
        this.control = Schedulers.newSingle(name, true);
    }

    /** Acquires the factory (blocking, so on boundedElastic) and creates the peer connection on the control thread. */
    static Mono<PeerLink> create(String role, List<IceServer> iceServers) {
        return Mono.fromCallable(() -> new PeerLink("teleflux-broker-" + role + "-" + IDS.incrementAndGet(),
                        PeerConnectionFactoryLease.acquire()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(link -> Mono.fromRunnable(() -> link.pc = link.lease.createPeerConnection(
                                PeerConfigurations.of(iceServers, false), link.new Observer()))
                        .subscribeOn(link.control)
                        .thenReturn(link)
                        .onErrorResume(e -> link.close().then(Mono.error(e))));
    }

    String name() {
        return name;
    }

    RTCPeerConnection pc() {
        return pc;
    }

    PeerConnectionFactoryLease lease() {
        return lease;
    }

    Scheduler control() {
        return control;
    }

    /** Called on libwebrtc's signaling thread for each remote track (keep it quick). */
    void onTrack(Consumer<RTCRtpTransceiver> onTrack) {
        this.onTrack = onTrack;
    }

    /** The peer connection's states: the latest, then changes. */
    Flux<RTCPeerConnectionState> states() {
        return states.asFlux();
    }

    /** Completes once connected; errors if the connection fails or closes first, or after {@code timeout}. */
    Mono<Void> awaitConnected(Duration timeout) {
        return states.asFlux()
                .filter(s -> s == RTCPeerConnectionState.CONNECTED || s == RTCPeerConnectionState.FAILED
                        || s == RTCPeerConnectionState.CLOSED)
                .next()
                .timeout(timeout, Mono.error(() -> new TelefluxException(name + ": the peer connection did not "
                        + "connect within " + timeout.toMillis() + " ms")))
                .flatMap(s -> s == RTCPeerConnectionState.CONNECTED ? Mono.<Void>empty()
                        : Mono.error(new TelefluxException(name + ": the peer connection " + s.name().toLowerCase()
                        + " before connecting")))
                .publishOn(control);
    }

    /** createOffer, setLocal, then the complete local description (non-trickle), on the control thread. */
    Mono<String> completeOffer() {
        return SessionDescriptions.createOffer(pc)
                .publishOn(control)
                .flatMap(offer -> SessionDescriptions.setLocal(pc, offer))
                .then(Mono.defer(() -> IceGathering.completeLocalDescription(pc, GATHERING)))
                .map(d -> d.sdp)
                .publishOn(control);
    }

    /** Applies the remote answer. */
    Mono<Void> acceptAnswer(String sdp) {
        return SessionDescriptions.setRemote(pc, new RTCSessionDescription(RTCSdpType.ANSWER, sdp)).publishOn(control);
    }

    /** Applies a remote (re)offer and answers it; emits the complete local answer. */
    Mono<String> answerOffer(String sdp) {
        return SessionDescriptions.setRemote(pc, new RTCSessionDescription(RTCSdpType.OFFER, sdp))
                .publishOn(control)
                .then(Mono.defer(() -> SessionDescriptions.createAnswer(pc)))
                .publishOn(control)
                .flatMap(answer -> SessionDescriptions.setLocal(pc, answer).thenReturn(answer))
                .then(Mono.defer(() -> IceGathering.completeLocalDescription(pc, GATHERING)))
                .map(d -> d.sdp)
                .publishOn(control);
    }

    /** The remote description's maximum message size, or the plain-WebRTC default. */
    int peerMaxMessageSize() {
        RTCSessionDescription remote = pc.getRemoteDescription();
        return remote == null ? SdpAttributes.DEFAULT_MAX_MESSAGE_SIZE : SdpAttributes.maxMessageSize(remote.sdp);
    }

    /**
     * Creates the negotiated channel {@code id} with the wire options of {@code spec}, binds it and waits until it is
     * open. On the control thread. A channel that does not open within {@code timeout} is closed and the Mono errors.
     */
    Mono<DataChannelBinding> openChannel(ChannelSpec spec, int id, EndpointListener listener, boolean receives,
                                         boolean sends, Duration timeout) {
        return Mono.defer(() -> {
            Sinks.One<RTCDataChannelState> open = Sinks.one();
            RTCDataChannel channel = DataChannels.createNegotiated(pc, spec, id);
            DataChannelBinding binding = DataChannelBinding.bind(channel, spec, listener, receives, sends,
                    DataChannelBinding.DEFAULT_SEND_HIGH_WATER_MARK, name + "-send-" + spec.name() + "-" + id,
                    s -> {
                        if (s == RTCDataChannelState.OPEN || s == RTCDataChannelState.CLOSED) {
                            open.tryEmitValue(s);
                        }
                    });
            binding.negotiated(Framing.NONE, peerMaxMessageSize());
            if (channel.getState() == RTCDataChannelState.OPEN) {
                open.tryEmitValue(RTCDataChannelState.OPEN);
            }
            return open.asMono()
                    .timeout(timeout, Mono.just(RTCDataChannelState.CLOSING))
                    .publishOn(control)
                    .flatMap(s -> {
                        if (s == RTCDataChannelState.OPEN) {
                            return Mono.just(binding);
                        }
                        binding.close();
                        return Mono.error(new TelefluxException(name + ": channel " + spec.name() + " (id " + id
                                + ") did not open: " + s.name().toLowerCase()));
                    });
        }).subscribeOn(control);
    }

    /** Closes the peer connection, gives the factory lease back and stops the control thread. Idempotent; never fails. */
    Mono<Void> close() {
        return Mono.<Void>fromRunnable(() -> {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            RTCPeerConnection p = pc;
            if (p != null) {
                PeerConnectionFactoryLease.closePeerConnection(p);
            }
            states.tryEmitNext(RTCPeerConnectionState.CLOSED);
            states.tryEmitComplete();
            lease.close();
            control.dispose();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            // non-trickle: the complete description carries the candidates
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            NativeCallbacks.guard("onConnectionChange", () -> {
                log.debug("{}: peer connection {}", name, state);
                states.tryEmitNext(state);
            });
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            NativeCallbacks.guard("onTrack", () -> onTrack.accept(transceiver));
        }
    }
}
