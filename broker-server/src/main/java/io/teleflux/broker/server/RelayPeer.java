package io.teleflux.broker.server;

import io.teleflux.webrtc.peer.DataChannels;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import io.teleflux.webrtc.IceServer;
import io.teleflux.webrtc.peer.IceGathering;
import io.teleflux.webrtc.peer.NativeCallbacks;
import io.teleflux.webrtc.peer.PeerConfigurations;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import io.teleflux.webrtc.peer.PeerStats;
import io.teleflux.webrtc.peer.SdpAttributes;
import io.teleflux.webrtc.peer.SessionDescriptions;
import io.teleflux.ChannelSpec;
import io.teleflux.Direction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * One peer connection the relay terminates: a robot's or an operator's. It answers the peer's complete offer
 * (gathering its own candidates to completion first: non-trickle), tracks the connection state, keeps the robot's
 * incoming video track (received only while a bridge forwards it: {@link VideoReceiveSwitch}), and allocates fresh
 * negotiated channel ids per bridge. Every native callback is guarded; all calls into the connection run on the
 * relay's control thread.
 */
final class RelayPeer implements Relay.RobotLeg, Relay.OperatorLeg {

    private static final Logger log = LoggerFactory.getLogger(RelayPeer.class);
    /** The longest one negotiation step (set a description, create an offer or answer) may take. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
    /** The robot's negotiated placeholder channel, SCTP id 0 (protocol §3.3). */
    private static final ChannelSpec PLACEHOLDER = ChannelSpec.of("_sctp_init", Direction.OPERATOR_TO_ROBOT);
    /** What {@link #hintIdsChanged()} sends; a teleflux robot reads any message on the placeholder as the hint. */
    private static final byte[] HINT = "{\"type\":\"heartbeat_now\"}".getBytes(StandardCharsets.UTF_8);

    private final String id;
    private final String role;
    private final Scheduler control;
    private final WebRtcRelay relay;
    private final SctpIds ids;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile RTCPeerConnection pc;
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
    private volatile VideoTrack remoteVideo;
    private volatile RTCRtpTransceiver remoteVideoTransceiver;
    private volatile VideoReceiveSwitch videoReceive; // created on the control thread
    private volatile String answer;
    private volatile int peerMaxMessageSize = 65536;
    private RTCDataChannel placeholder; // robot legs; control thread only
    private RobotPublishers publishers; // control thread only
    private final Sinks.Empty<Void> connectedSignal = Sinks.empty();

    RelayPeer(String role, int firstChannelId, Scheduler control, WebRtcRelay relay) {
        this.id = "relay-" + role + "-" + UUID.randomUUID();
        this.role = role;
        this.control = control;
        this.relay = relay;
        this.ids = new SctpIds(firstChannelId);
    }

    /**
     * Creates the connection; on the control thread. A robot leg also opens its side of the robot's negotiated
     * placeholder channel (id 0), over which {@link #hintIdsChanged()} reaches the robot.
     */
    void open(PeerConnectionFactoryLease lease, List<IceServer> iceServers) {
        pc = lease.createPeerConnection(PeerConfigurations.of(iceServers, false),
                new Observer());
        if ("robot".equals(role)) {
            placeholder = DataChannels.createNegotiated(pc, PLACEHOLDER, 0);
        }
    }

    @Override
    public void hintIdsChanged() {
        relay.onControl(() -> {
            RTCDataChannel p = placeholder;
            if (p == null || closed.get() || p.getState() != RTCDataChannelState.OPEN) {
                return;
            }
            try {
                p.send(new RTCDataChannelBuffer(ByteBuffer.wrap(HINT.clone()), false));
            } catch (Exception e) {
                log.debug("{}: the heartbeat hint was not sent", id, e);
            }
        });
    }

    /** Answers {@code offerSdp} and waits for the gathering to complete (at most {@code maxWait}). */
    Mono<String> answer(String offerSdp, Duration maxWait) {
        RTCPeerConnection c = pc;
        peerMaxMessageSize = SdpAttributes.maxMessageSize(offerSdp);
        return step("setRemoteDescription",
                SessionDescriptions.setRemote(c, new RTCSessionDescription(RTCSdpType.OFFER, offerSdp)))
                .then(Mono.defer(() -> step("createAnswer", SessionDescriptions.createAnswer(c))))
                .flatMap(a -> step("setLocalDescription", SessionDescriptions.setLocal(c, a)))
                .then(Mono.defer(() -> IceGathering.completeLocalDescription(c, maxWait)))
                .publishOn(control)
                .map(local -> {
                    answer = local.sdp;
                    return local.sdp;
                });
    }

    /**
     * One libwebrtc negotiation step, continued on the control thread, bounded by {@link #STEP_TIMEOUT}: a lost
     * callback becomes an error (and a 502) rather than a request that never ends.
     */
    <T> Mono<T> step(String what, Mono<T> call) {
        return call.timeout(STEP_TIMEOUT, Mono.error(() -> new IllegalStateException(
                        what + " did not complete within " + STEP_TIMEOUT.toSeconds() + " s")))
                .publishOn(control);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String sdpAnswer() {
        return answer;
    }

    @Override
    public Relay.ChannelIds publisherIds() {
        RobotPublishers p = publishers;
        return p == null ? Relay.ChannelIds.NONE : p.ids();
    }

    /** The robot's shared outbound channels; on the control thread. */
    RobotPublishers publishers() {
        if (publishers == null) {
            publishers = new RobotPublishers(this);
        }
        return publishers;
    }

    @Override
    public boolean connected() {
        return state == RTCPeerConnectionState.CONNECTED && !closed.get();
    }

    @Override
    public Mono<Void> whenConnected() {
        return connectedSignal.asMono();
    }

    @Override
    public Mono<Void> acceptVideoAnswer(String sdpAnswer) {
        return Mono.defer(() -> {
            if (closed.get()) {
                return Mono.error(ApiException.conflict("The operator connection is closed"));
            }
            return step("setRemoteDescription",
                    SessionDescriptions.setRemote(pc, new RTCSessionDescription(RTCSdpType.ANSWER, sdpAnswer)));
        }).subscribeOn(control);
    }

    /** Closes the connection on the control thread (after any bridge close queued before); idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        relay.onControl(this::release);
    }

    /** Releases now; on the control thread. */
    void release() {
        closed.set(true);
        connectedSignal.tryEmitError(ApiException.conflict("The relay connection was closed"));
        RTCDataChannel p = placeholder;
        placeholder = null;
        if (p != null) {
            DataChannels.release(p, "the robot's placeholder channel");
        }
        RTCPeerConnection c = pc;
        pc = null;
        if (c != null) {
            PeerConnectionFactoryLease.closePeerConnection(c);
            log.debug("closed {}", id);
        }
        remoteVideo = null;
        remoteVideoTransceiver = null;
        relay.forget(this);
    }

    boolean isClosed() {
        return closed.get();
    }

    RTCPeerConnection connection() {
        return pc;
    }

    String role() {
        return role;
    }

    SctpIds ids() {
        return ids;
    }

    int peerMaxMessageSize() {
        return peerMaxMessageSize;
    }

    /** The robot's incoming video track, or null when it publishes none. */
    VideoTrack remoteVideo() {
        return remoteVideo;
    }

    /**
     * Switches receiving (decoding) the robot's video on while a bridge forwards it, or null when the robot publishes
     * no video; on the control thread.
     */
    VideoReceiveSwitch videoReceive() {
        RTCRtpTransceiver transceiver = remoteVideoTransceiver;
        if (videoReceive == null && transceiver != null && remoteVideo != null) {
            videoReceive = new VideoReceiveSwitch(this, transceiver);
        }
        return videoReceive;
    }

    /** Whether the robot's video is received (and decoded) now: false without video or while no bridge forwards it. */
    boolean receivesVideo() {
        VideoReceiveSwitch v = videoReceive;
        return v != null && v.receiving();
    }

    /**
     * Video frames libwebrtc decoded on this connection since its receive stream last started (0 while video receive
     * is off, or without video), from the connection's statistics; for tests. Subscribe while the connection is open.
     */
    Mono<Long> decodedFrames() {
        RTCPeerConnection c = pc;
        if (c == null) {
            return Mono.just(0L);
        }
        return PeerStats.sample(c).map(report -> report.getStats().values().stream()
                .filter(s -> s.getType() == RTCStatsType.INBOUND_RTP
                        && "video".equals(s.getAttributes().get("kind")))
                .map(s -> s.getAttributes().get("framesDecoded"))
                .filter(Number.class::isInstance)
                .mapToLong(n -> ((Number) n).longValue())
                .sum());
    }

    @Override
    public String toString() {
        return id;
    }

    /** libwebrtc's callbacks, on its signaling thread: guarded, quick, never calling back into the connection. */
    private final class Observer implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            // non-trickle: the answer carries the candidates once gathering completed
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState newState) {
            NativeCallbacks.guard("onConnectionChange", () -> {
                state = newState;
                log.debug("{}: {}", id, newState);
                if (newState == RTCPeerConnectionState.CONNECTED) {
                    connectedSignal.tryEmitEmpty();
                } else if (newState == RTCPeerConnectionState.CLOSED || newState == RTCPeerConnectionState.FAILED) {
                    connectedSignal.tryEmitError(ApiException.conflict("The relay connection " + newState));
                }
            });
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            NativeCallbacks.guard("onTrack", () -> {
                MediaStreamTrack track = transceiver.getReceiver().getTrack();
                if (track instanceof VideoTrack video && remoteVideo == null) {
                    remoteVideoTransceiver = transceiver;
                    remoteVideo = video;
                    log.debug("{}: receives video track {}", id, video.getId());
                }
            });
        }

        @Override
        public void onDataChannel(RTCDataChannel channel) {
            // a browser's non-negotiated _sctp_init: not used by the relay; released off this thread
            NativeCallbacks.guard("onDataChannel", () -> relay.onControl(
                    () -> DataChannels.release(channel, id + "'s unused data channel")));
        }
    }
}
