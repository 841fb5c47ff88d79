package io.teleflux.webrtc;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import io.teleflux.ChannelSpec;
import io.teleflux.ConnectionState;
import io.teleflux.Role;
import io.teleflux.SessionClosedException;
import io.teleflux.TelefluxException;
import io.teleflux.spi.Endpoint;
import io.teleflux.spi.EndpointListener;
import io.teleflux.spi.EndpointRequest;
import io.teleflux.video.Frame;
import io.teleflux.webrtc.peer.DataChannelBinding;
import io.teleflux.webrtc.peer.DataChannels;
import io.teleflux.webrtc.peer.Framing;
import io.teleflux.webrtc.peer.NativeCallbacks;
import io.teleflux.webrtc.peer.PeerConfigurations;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import io.teleflux.webrtc.peer.PeerStats;
import io.teleflux.webrtc.peer.SdpAttributes;
import io.teleflux.webrtc.peer.SessionDescriptions;
import io.teleflux.webrtc.peer.VideoCodecPreferences;
import io.teleflux.webrtc.peer.VideoTrackReceiver;
import io.teleflux.webrtc.peer.VideoTrackSender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * One session's peer connection: negotiation through the signaling, one pre-negotiated data channel per declared
 * channel, inbound delivery, senders, states, stats and release.
 *
 * <p>Threading: every field below "control thread only" is touched only on this endpoint's control thread
 * ({@code teleflux-webrtc-<n>}), which also makes every blocking call into the peer connection. libwebrtc callbacks
 * (on its signaling thread) are guarded and only hop onto the control thread, except {@code onMessage}, which copies
 * the payload and hands it to the session's listener at once.
 */
final class WebRtcEndpoint implements Endpoint {

    private static final Logger log = LoggerFactory.getLogger(WebRtcEndpoint.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** Connected endpoints by the session (their listener), for {@link WebRtcSessions}. */
    private static final Map<Object, WebRtcEndpoint> BY_SESSION = Collections.synchronizedMap(new IdentityHashMap<>());

    private final String name;
    private final WebRtcConfig config;
    private final PeerConnectionFactoryLease lease;
    private final Role role;
    private final EndpointListener listener;
    private final Map<ChannelSpec, Integer> ids;
    private final List<String> channelNames;
    private final Consumer<WebRtcEndpoint> onReleased;
    private final ExecutorService control;
    private final Sinks.Many<ConnectionState> states = Sinks.many().replay().latest();
    private final Sinks.Empty<Void> released = Sinks.empty();
    private final Mono<Void> close;
    /** Sending channels by name; filled once on the control thread before the endpoint is emitted. */
    private final Map<String, DataChannelBinding> senders = new LinkedHashMap<>();
    private volatile boolean closing;
    private volatile int peerMaxMessageSize = SdpAttributes.DEFAULT_MAX_MESSAGE_SIZE;
    /** The framing this end enables; what is used is negotiated with the peer. */
    private final Framing offeredFraming;
    private volatile Framing framing = Framing.NONE;
    /** Every channel by name; filled once on the control thread before the endpoint is emitted. */
    private final Map<String, DataChannelBinding> bindings = new LinkedHashMap<>();
    /** The video options, or null for a data-only session. */
    private final VideoOptions videoOptions;
    /** The remote video, if video is enabled. */
    private final VideoTrackReceiver videoReceiver;
    /** The local video track, if video is enabled; created with the peer connection. */
    private volatile VideoTrackSender videoSender;
    /** Whether the peers negotiated a video section this end sends on. */
    private volatile boolean videoNegotiated;
    /** The answer's SDP, once known. */
    private volatile String answerSdp;

    // control thread only
    private MonoSink<Endpoint> opening;
    private Disposable pairing;
    private Disposable inbox;
    private SignalingSession signaling;
    private RTCPeerConnection pc;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final List<RTCIceCandidate> pendingCandidates = new ArrayList<>();
    private boolean remoteDescriptionSet;
    private RTCPeerConnectionState pcState = RTCPeerConnectionState.NEW;
    private boolean ready;
    private RTCRtpTransceiver videoTransceiver;

    WebRtcEndpoint(WebRtcConfig config, PeerConnectionFactoryLease lease, EndpointRequest request,
                   Consumer<WebRtcEndpoint> onReleased) {
        this.name = "teleflux-webrtc-" + IDS.incrementAndGet();
        this.config = config;
        this.lease = lease;
        this.role = request.role();
        this.listener = request.listener();
        this.ids = ChannelIds.assign(request.channels());
        this.channelNames = ChannelIds.names(ids);
        this.onReleased = onReleased;
        this.offeredFraming = new Framing(config.fragmentation(), config.coalescing());
        this.control = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
        this.close = Mono.<Void>create(sink -> {
            if (!execute("close", () -> releaseAll(null))) {
                sink.success();
                return;
            }
            released.asMono().subscribe(null, sink::error, sink::success);
        }).cache();
        this.videoOptions = config.video().orElse(null);
        this.videoReceiver = videoOptions == null ? null : new VideoTrackReceiver();
        states.tryEmitNext(ConnectionState.CONNECTING);
    }

    /** The connected WebRTC endpoint of {@code session}, or null. */
    static WebRtcEndpoint of(Object session) {
        return BY_SESSION.get(session);
    }

    // ---- opening ----------------------------------------------------------------------------------------------------

    /** Cold: pairs, negotiates, and emits this endpoint once connected with every channel open. */
    Mono<Endpoint> open() {
        return Mono.<Endpoint>create(sink -> {
            sink.onCancel(() -> execute("cancel", () -> releaseAll(null)));
            if (!execute("open", () -> start(sink))) {
                sink.error(new SessionClosedException("endpoint already closed"));
            }
        }).timeout(config.connectTimeout(), Mono.error(() -> new TelefluxException("WebRTC " + role
                + " did not connect within " + config.connectTimeout())));
    }

    private void start(MonoSink<Endpoint> sink) {
        opening = sink;
        pairing = config.signaling().open(role).subscribe(
                session -> execute("paired", () -> paired(session)),
                error -> execute("signaling failed", () -> fail(new TelefluxException("signaling failed: "
                        + error.getMessage(), error))));
    }

    private void paired(SignalingSession session) {
        if (closing) {
            session.close().subscribe();
            return;
        }
        signaling = session;
        try {
            createPeerConnection();
        } catch (RuntimeException e) {
            fail(new TelefluxException("creating the peer connection failed: " + e.getMessage(), e));
            return;
        }
        inbox = session.receive().subscribe(
                message -> execute("signaling message", () -> onSignal(message)),
                error -> execute("signaling error", () -> signalingEnded(error)),
                () -> execute("signaling end", () -> signalingEnded(null)));
        if (role == Role.OPERATOR) {
            createDescription(true, offer -> setDescription(true, offer,
                    () -> signal(new SignalingMessage.Offer(offer.sdp, channelNames, offeredFraming.names()))));
        }
    }

    private void createPeerConnection() {
        pc = lease.createPeerConnection(PeerConfigurations.of(config.iceServers(), config.relayOnly()),
                new ConnectionObserver());
        if (videoOptions != null) {
            // the video section first, as DimOS and Cloudflare expect
            videoSender = VideoTrackSender.create(lease.factory(), "teleflux-video",
                    videoOptions.maxFramesPerSecond(), name + "-video");
            if (role == Role.OPERATOR) {
                RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
                init.direction = RTCRtpTransceiverDirection.SEND_RECV;
                init.streamIds = List.of("teleflux");
                videoTransceiver = pc.addTransceiver(videoSender.track(), init);
                VideoCodecPreferences.apply(videoTransceiver, lease.factory(), videoOptions.codecs());
            }
        }
        for (Map.Entry<ChannelSpec, Integer> e : ids.entrySet()) {
            ChannelSpec spec = e.getKey();
            RTCDataChannel dc = DataChannels.createNegotiated(pc, spec, e.getValue());
            Channel channel = new Channel(spec);
            channels.put(spec.name(), channel);
            boolean sends = spec.direction().allowsSend(role);
            DataChannelBinding binding = DataChannelBinding.bind(dc, spec, listener,
                    spec.direction().allowsReceive(role), sends, config.sendHighWaterMark(),
                    name + "-send-" + spec.name(),
                    state -> executeWhileOpen("channel state", () -> onChannelState(channel, state)));
            bindings.put(spec.name(), binding);
            if (sends) {
                senders.put(spec.name(), binding);
            }
        }
    }

    private void onSignal(SignalingMessage message) {
        if (closing) {
            return;
        }
        if (message instanceof SignalingMessage.Offer offer && role == Role.ROBOT) {
            if (!offer.channels().equals(channelNames)) {
                String reason = "the operator declared channels " + offer.channels() + " but the robot declared "
                        + channelNames;
                signal(new SignalingMessage.Bye(reason));
                fail(new TelefluxException(reason));
                return;
            }
            negotiated(Framing.parse(offer.framing()), SdpAttributes.maxMessageSize(offer.sdp()));
            List<String> accepted = framing.names();
            setDescription(false, new RTCSessionDescription(RTCSdpType.OFFER, offer.sdp()), () -> {
                remoteDescriptionSet();
                sendVideoOnOfferedTransceiver();
                createDescription(false, answer -> setDescription(true, answer, () -> {
                    answerSdp = answer.sdp;
                    signal(new SignalingMessage.Answer(answer.sdp, accepted));
                }));
            });
        } else if (message instanceof SignalingMessage.Answer answer && role == Role.OPERATOR) {
            negotiated(Framing.parse(answer.framing()), SdpAttributes.maxMessageSize(answer.sdp()));
            answerSdp = answer.sdp();
            setDescription(false, new RTCSessionDescription(RTCSdpType.ANSWER, answer.sdp()),
                    this::remoteDescriptionSet);
        } else if (message instanceof SignalingMessage.Candidate c) {
            RTCIceCandidate candidate = new RTCIceCandidate(c.sdpMid(), c.sdpMLineIndex(), c.candidate());
            if (remoteDescriptionSet) {
                pc.addIceCandidate(candidate);
            } else {
                // libwebrtc silently drops candidates added before the remote description
                pendingCandidates.add(candidate);
            }
        } else if (message instanceof SignalingMessage.Bye bye) {
            peerClosed("the peer closed" + (bye.reason().isEmpty() ? "" : ": " + bye.reason()));
        } else {
            log.warn("{}: ignored an unexpected {} for a {}", name, message.getClass().getSimpleName(), role);
        }
    }

    /**
     * Fixes the wire before the remote description is set, so before any data channel can open or receive: the
     * framing both ends enabled, and the peer's maximum message size.
     */
    private void negotiated(Framing peerFraming, int peerMax) {
        peerMaxMessageSize = peerMax;
        Framing agreed = offeredFraming.and(peerFraming);
        framing = agreed;
        for (DataChannelBinding binding : bindings.values()) {
            binding.negotiated(agreed, peerMax);
        }
    }

    /**
     * The robot, with video enabled: sends its track on the operator's video section, with this end's codec
     * preferences. Without a video section in the offer the robot sends no video.
     */
    private void sendVideoOnOfferedTransceiver() {
        if (videoSender == null) {
            return;
        }
        for (RTCRtpTransceiver t : pc.getTransceivers()) {
            MediaStreamTrack track = t.getReceiver().getTrack();
            if (track != null && MediaStreamTrack.VIDEO_TRACK_KIND.equals(track.getKind())) {
                try {
                    t.getSender().replaceTrack(videoSender.track());
                    t.getSender().setStreams(List.of("teleflux"));
                    t.setDirection(RTCRtpTransceiverDirection.SEND_RECV);
                    VideoCodecPreferences.apply(t, lease.factory(), videoOptions.codecs());
                    videoTransceiver = t;
                } catch (RuntimeException e) {
                    log.warn("{}: cannot send video on the offered section, this robot sends none: {}", name,
                            e.toString());
                    quietly("undo the video track", () -> t.getSender().replaceTrack(null));
                }
                return;
            }
        }
        log.info("{}: the operator offered no video; this robot sends none", name);
    }

    /** Once connected: the encoder's limits on the video sender. */
    private void configureVideoSender() {
        if (videoTransceiver == null) {
            return;
        }
        videoNegotiated = true;
        if (videoOptions.maxBitrate() == 0) {
            return;
        }
        quietly("set video encoder limits", () -> {
            RTCRtpSendParameters parameters = videoTransceiver.getSender().getParameters();
            for (RTCRtpEncodingParameters encoding : parameters.encodings) {
                encoding.maxBitrate = videoOptions.maxBitrate();
            }
            videoTransceiver.getSender().setParameters(parameters);
        });
    }

    private void remoteDescriptionSet() {
        remoteDescriptionSet = true;
        for (RTCIceCandidate candidate : pendingCandidates) {
            pc.addIceCandidate(candidate);
        }
        pendingCandidates.clear();
    }

    private void signalingEnded(Throwable error) {
        if (!ready && !closing) {
            fail(new TelefluxException("signaling ended before the peer connection was up", error));
        } else {
            log.debug("{}: signaling ended", name);
        }
    }

    private void signal(SignalingMessage message) {
        SignalingSession s = signaling;
        if (s != null) {
            s.send(message).subscribe(null, e -> log.debug("{}: signaling send failed: {}", name, e.toString()));
        }
    }

    private void createDescription(boolean offer, Consumer<RTCSessionDescription> then) {
        String what = offer ? "createOffer" : "createAnswer";
        (offer ? SessionDescriptions.createOffer(pc) : SessionDescriptions.createAnswer(pc)).subscribe(
                description -> executeWhileOpen(what, () -> then.accept(description)),
                error -> executeWhileOpen(what, () -> fail(error)));
    }

    private void setDescription(boolean local, RTCSessionDescription description, Runnable then) {
        String what = local ? "setLocalDescription" : "setRemoteDescription";
        (local ? SessionDescriptions.setLocal(pc, description) : SessionDescriptions.setRemote(pc, description))
                .subscribe(null,
                        error -> executeWhileOpen(what, () -> fail(error)),
                        () -> executeWhileOpen(what, then));
    }

    private void onConnectionState(RTCPeerConnectionState state) {
        pcState = state;
        switch (state) {
            case CONNECTED -> {
                if (ready) {
                    states.tryEmitNext(ConnectionState.CONNECTED);
                } else {
                    checkReady();
                }
            }
            case DISCONNECTED -> {
                if (ready) {
                    states.tryEmitNext(ConnectionState.DISCONNECTED);
                }
            }
            case FAILED -> fail(new TelefluxException("the peer connection failed (ICE or DTLS)"));
            case CLOSED -> peerClosed("the peer connection closed");
            default -> {
            }
        }
    }

    private void onChannelState(Channel channel, RTCDataChannelState state) {
        if (state == RTCDataChannelState.OPEN) {
            channel.open = true;
            checkReady();
        } else if (state == RTCDataChannelState.CLOSING || state == RTCDataChannelState.CLOSED) {
            channel.open = false;
            peerClosed("data channel " + channel.spec.name() + " closed");
        }
    }

    private void checkReady() {
        if (ready || pcState != RTCPeerConnectionState.CONNECTED) {
            return;
        }
        for (Channel c : channels.values()) {
            if (!c.open) {
                return;
            }
        }
        ready = true;
        configureVideoSender();
        BY_SESSION.put(listener, this);
        states.tryEmitNext(ConnectionState.CONNECTED);
        log.debug("{}: {} connected with {} channel(s), peer max message size {}, framing {}", name, role,
                channels.size(), peerMaxMessageSize, framing.names());
        opening.success(this);
    }

    /** The link ended from the far side: a failure before connecting, a normal close after. */
    private void peerClosed(String reason) {
        if (!ready) {
            fail(new TelefluxException(reason + " before the link was up"));
            return;
        }
        log.debug("{}: {}", name, reason);
        releaseAll(null);
    }

    private void fail(Throwable error) {
        if (closing) {
            return;
        }
        if (!ready) {
            if (opening != null) {
                opening.error(error);
            }
            releaseAll(null);
        } else {
            log.warn("{}: {}", name, error.getMessage());
            states.tryEmitNext(ConnectionState.FAILED);
            releaseAll(error);
        }
    }

    // ---- Endpoint -----------------------------------------------------------------------------------------------------

    @Override
    public Mono<Void> send(ChannelSpec channel, Publisher<byte[]> payloads) {
        return Mono.defer(() -> {
            DataChannelBinding sender = senders.get(channel.name());
            if (sender == null) {
                return Mono.error(new IllegalArgumentException("channel " + channel.name()
                        + " is not a sending channel of this " + role));
            }
            return sender.send(payloads);
        });
    }

    /**
     * Sends on this end's video track (see {@link VideoTrackSender}: latest frame wins, paced to
     * {@link VideoOptions#maxFramesPerSecond()}).
     */
    @Override
    public Mono<Void> sendVideo(Publisher<Frame> frames) {
        return Mono.defer(() -> {
            VideoTrackSender sender = videoSender;
            if (videoOptions == null) {
                return Mono.error(new UnsupportedOperationException("video is not enabled for this " + role
                        + ": use WebRtcConfig.withVideo(...)"));
            }
            if (closing || sender == null) {
                return Mono.error(new SessionClosedException("the " + role + " endpoint is closed"));
            }
            if (!videoNegotiated) {
                return Mono.error(new IllegalStateException("the peers negotiated no video this " + role
                        + " sends: enable video on the operator"));
            }
            return sender.send(frames);
        });
    }

    /** The far end's video track (see {@link VideoTrackReceiver}). */
    @Override
    public Flux<Frame> video() {
        if (videoReceiver == null) {
            return Flux.error(new UnsupportedOperationException("video is not enabled for this " + role
                    + ": use WebRtcConfig.withVideo(...)"));
        }
        return videoReceiver.frames();
    }

    /** The local video track's sender, or null; for stats and tests. */
    VideoTrackSender videoSender() {
        return videoSender;
    }

    /** The remote video's receiver, or null; for stats and tests. */
    VideoTrackReceiver videoReceiver() {
        return videoReceiver;
    }

    /** The codec the answer put first in its video section, or empty. */
    String negotiatedVideoCodec() {
        return VideoSdp.firstCodec(answerSdp);
    }

    /** One raw stats report, or empty once closed; for tests. */
    Mono<RTCStatsReport> rawStats() {
        return Mono.create(sink -> {
            boolean queued = execute("getStats", () -> {
                if (closing || pc == null) {
                    sink.success();
                    return;
                }
                PeerStats.sample(pc).subscribe(sink::success, sink::error);
            });
            if (!queued) {
                sink.success();
            }
        });
    }

    @Override
    public Flux<ConnectionState> states() {
        return states.asFlux();
    }

    @Override
    public Mono<Void> close() {
        return close;
    }

    /** Completes when every native resource of this endpoint was released. */
    Mono<Void> onReleased() {
        return released.asMono();
    }

    /** One stats sample, or empty once closed. */
    Mono<WebRtcStats> sampleStats() {
        return Mono.create(sink -> {
            boolean queued = execute("getStats", () -> {
                if (closing || pc == null) {
                    sink.success();
                    return;
                }
                PeerStats.sample(pc).map(WebRtcStats::of).subscribe(sink::success, sink::error);
            });
            if (!queued) {
                sink.success();
            }
        });
    }

    /** The binding of sending {@code channel}, for tests. */
    DataChannelBinding sender(String channel) {
        return senders.get(channel);
    }

    /** The framing both ends agreed on; {@link Framing#NONE} until negotiated. */
    Framing framing() {
        return framing;
    }

    /** Inbound frames or fragment sequences of {@code channel} discarded as malformed or too large. */
    long framingDrops(String channel) {
        DataChannelBinding b = bindings.get(channel);
        return b == null ? 0 : b.framingDrops();
    }

    // ---- release ------------------------------------------------------------------------------------------------------

    /**
     * Releases everything, on the control thread, in the order webrtc-java needs: senders stopped (their threads out
     * of libwebrtc), bye sent, channels unregistered, closed and disposed, peer connection closed, signaling closed.
     * Then the states end ({@code CLOSED}, or {@code error} if given) and the control thread stops.
     */
    private void releaseAll(Throwable error) {
        if (closing) {
            return;
        }
        closing = true;
        BY_SESSION.remove(listener, this);
        if (pairing != null) {
            pairing.dispose();
        }
        senders.values().forEach(DataChannelBinding::stopSending);
        if (videoSender != null) {
            videoSender.stop();
        }
        if (videoReceiver != null) {
            videoReceiver.close();
        }
        signal(new SignalingMessage.Bye(error == null ? "closed" : "failed: " + error.getMessage()));
        bindings.values().forEach(DataChannelBinding::close);
        channels.clear();
        if (videoTransceiver != null) {
            // so that the closed (and, in webrtc-java 0.14.0, leaked) connection no longer holds the track
            quietly("remove the video track", () -> videoTransceiver.getSender().replaceTrack(null));
            videoTransceiver = null;
        }
        if (pc != null) {
            PeerConnectionFactoryLease.closePeerConnection(pc);
            pc = null;
        }
        if (videoSender != null) {
            videoSender.dispose();
        }
        if (signaling != null) {
            signaling.close().subscribe(null, e -> log.debug("{}: closing signaling: {}", name, e.toString()));
        }
        if (inbox != null) {
            inbox.dispose();
        }
        if (error == null) {
            states.tryEmitNext(ConnectionState.CLOSED);
            states.tryEmitComplete();
        } else {
            states.tryEmitError(error);
        }
        control.shutdown();
        onReleased.accept(this);
        released.tryEmitEmpty();
        log.debug("{}: released", name);
    }

    private void quietly(String what, Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            log.warn("{}: {} failed", name, what, t);
        }
    }

    /** Runs {@code body} on the control thread, guarded; false if the endpoint was released already. */
    private boolean execute(String what, Runnable body) {
        try {
            control.execute(() -> NativeCallbacks.guard(what, body));
            return true;
        } catch (RejectedExecutionException e) {
            log.debug("{}: {} after release, ignored", name, what);
            return false;
        }
    }

    private void executeWhileOpen(String what, Runnable body) {
        execute(what, () -> {
            if (!closing) {
                body.run();
            }
        });
    }

    @Override
    public String toString() {
        return name + "[" + role + ", channels " + channelNames + "]";
    }

    // ---- libwebrtc observers (signaling thread) ------------------------------------------------------------------

    private final class ConnectionObserver implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            NativeCallbacks.guard("onIceCandidate", () -> executeWhileOpen("ice candidate", () -> signal(
                    new SignalingMessage.Candidate(candidate.sdpMid, candidate.sdpMLineIndex, candidate.sdp))));
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            NativeCallbacks.guard("onConnectionChange", () -> executeWhileOpen("connection state",
                    () -> onConnectionState(state)));
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            NativeCallbacks.guard("onTrack", () -> {
                MediaStreamTrack track = transceiver.getReceiver().getTrack();
                if (videoReceiver != null && track instanceof VideoTrack video) {
                    executeWhileOpen("video track", () -> videoReceiver.attach(video));
                }
            });
        }

        @Override
        public void onDataChannel(RTCDataChannel channel) {
            NativeCallbacks.guard("onDataChannel", () -> {
                log.warn("{}: the peer opened an in-band data channel; only pre-negotiated channels are used", name);
                execute("refuse data channel", () -> DataChannels.release(channel, "an in-band data channel"));
            });
        }
    }

    /** One data channel's open state (control thread only). */
    private static final class Channel {
        final ChannelSpec spec;
        boolean open;

        Channel(ChannelSpec spec) {
            this.spec = spec;
        }
    }
}
