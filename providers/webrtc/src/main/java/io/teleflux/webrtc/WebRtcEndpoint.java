package io.teleflux.webrtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import io.teleflux.ChannelSpec;
import io.teleflux.ConnectionState;
import io.teleflux.Role;
import io.teleflux.SessionClosedException;
import io.teleflux.TelefluxException;
import io.teleflux.spi.Endpoint;
import io.teleflux.spi.EndpointListener;
import io.teleflux.spi.EndpointRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    private final PeerConnectionFactory factory;
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
    private final Map<String, DataChannelSender> senders = new LinkedHashMap<>();
    private volatile boolean closing;
    private volatile int peerMaxMessageSize = SdpAttributes.DEFAULT_MAX_MESSAGE_SIZE;
    /** The framing this end enables; what is used is negotiated with the peer. */
    private final Framing offeredFraming;
    private volatile Framing framing = Framing.NONE;
    /** Inbound frame decoders by channel name, once framing was negotiated. */
    private final Map<String, FrameDecoder> decoders = new ConcurrentHashMap<>();

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

    WebRtcEndpoint(WebRtcConfig config, PeerConnectionFactory factory, EndpointRequest request,
                   Consumer<WebRtcEndpoint> onReleased) {
        this.name = "teleflux-webrtc-" + IDS.incrementAndGet();
        this.config = config;
        this.factory = factory;
        this.role = request.role();
        this.listener = request.listener();
        this.ids = ChannelIds.assign(request.channels());
        this.channelNames = ChannelIds.names(ids);
        this.onReleased = onReleased;
        this.offeredFraming = Framing.of(config);
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
        createPeerConnection();
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
        RTCConfiguration rtc = new RTCConfiguration();
        for (IceServer server : config.iceServers()) {
            RTCIceServer s = new RTCIceServer();
            s.urls = new ArrayList<>(server.urls());
            s.username = server.username();
            s.password = server.credential();
            rtc.iceServers.add(s);
        }
        rtc.iceTransportPolicy = config.relayOnly() ? RTCIceTransportPolicy.RELAY : RTCIceTransportPolicy.ALL;
        rtc.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        pc = factory.createPeerConnection(rtc, new ConnectionObserver());
        PeerConnectionFactoryHolder.peerConnectionCreated();
        for (Map.Entry<ChannelSpec, Integer> e : ids.entrySet()) {
            ChannelSpec spec = e.getKey();
            RTCDataChannelInit init = new RTCDataChannelInit();
            init.negotiated = true;
            init.id = e.getValue();
            init.ordered = spec.qos().ordered();
            init.maxRetransmits = spec.qos().maxRetransmits().orElse(-1);
            init.maxPacketLifeTime = spec.qos().maxPacketLifeTime().map(d -> (int) d.toMillis()).orElse(-1);
            RTCDataChannel dc = pc.createDataChannel(spec.name(), init);
            Channel channel = new Channel(spec, dc);
            channels.put(spec.name(), channel);
            dc.registerObserver(channel);
            if (spec.direction().allowsSend(role)) {
                senders.put(spec.name(), new DataChannelSender(dc, spec, listener,
                        name + "-send-" + spec.name(), config.sendHighWaterMark()));
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
                createDescription(false, answer -> setDescription(true, answer,
                        () -> signal(new SignalingMessage.Answer(answer.sdp, accepted))));
            });
        } else if (message instanceof SignalingMessage.Answer answer && role == Role.OPERATOR) {
            negotiated(Framing.parse(answer.framing()), SdpAttributes.maxMessageSize(answer.sdp()));
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
        decoders.clear();
        for (Channel c : channels.values()) {
            FrameDecoder decoder = null;
            if (agreed.framed() && c.receives) {
                ChannelSpec spec = c.spec;
                decoder = new FrameDecoder(spec.name(), spec.maxMessageSize(), p -> listener.onMessage(spec, p));
                decoders.put(spec.name(), decoder);
            }
            c.decoder = decoder;
        }
        for (DataChannelSender sender : senders.values()) {
            sender.negotiated(agreed, peerMax);
        }
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
        CreateSessionDescriptionObserver observer = new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                NativeCallbacks.guard(what, () -> executeWhileOpen(what, () -> then.accept(description)));
            }

            @Override
            public void onFailure(String error) {
                NativeCallbacks.guard(what, () -> executeWhileOpen(what,
                        () -> fail(new TelefluxException(what + " failed: " + error))));
            }
        };
        if (offer) {
            pc.createOffer(new RTCOfferOptions(), observer);
        } else {
            pc.createAnswer(new RTCAnswerOptions(), observer);
        }
    }

    private void setDescription(boolean local, RTCSessionDescription description, Runnable then) {
        String what = local ? "setLocalDescription" : "setRemoteDescription";
        SetSessionDescriptionObserver observer = new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                NativeCallbacks.guard(what, () -> executeWhileOpen(what, then));
            }

            @Override
            public void onFailure(String error) {
                NativeCallbacks.guard(what, () -> executeWhileOpen(what,
                        () -> fail(new TelefluxException(what + " failed: " + error))));
            }
        };
        if (local) {
            pc.setLocalDescription(description, observer);
        } else {
            pc.setRemoteDescription(description, observer);
        }
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
            DataChannelSender sender = senders.get(channel.name());
            if (sender == null) {
                return Mono.error(new IllegalArgumentException("channel " + channel.name()
                        + " is not a sending channel of this " + role));
            }
            return sender.send(payloads);
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
                pc.getStats(report -> NativeCallbacks.guard("getStats", () -> sink.success(StatsReader.read(report))));
            });
            if (!queued) {
                sink.success();
            }
        });
    }

    /** The sender of {@code channel}, for tests. */
    DataChannelSender sender(String channel) {
        return senders.get(channel);
    }

    /** The framing both ends agreed on; {@link Framing#NONE} until negotiated. */
    Framing framing() {
        return framing;
    }

    /** Inbound frames or fragment sequences of {@code channel} discarded as malformed or too large. */
    long framingDrops(String channel) {
        FrameDecoder d = decoders.get(channel);
        return d == null ? 0 : d.drops();
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
        senders.values().forEach(DataChannelSender::stop);
        signal(new SignalingMessage.Bye(error == null ? "closed" : "failed: " + error.getMessage()));
        for (Channel c : channels.values()) {
            quietly("release channel " + c.spec.name(), () -> {
                c.dc.unregisterObserver();
                c.dc.close();
                c.dc.dispose();
            });
        }
        channels.clear();
        if (pc != null) {
            quietly("close peer connection", pc::close);
            PeerConnectionFactoryHolder.peerConnectionClosed();
            pc = null;
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
        public void onDataChannel(RTCDataChannel channel) {
            NativeCallbacks.guard("onDataChannel", () -> {
                log.warn("{}: the peer opened an in-band data channel; only pre-negotiated channels are used", name);
                execute("refuse data channel", () -> quietly("refuse data channel", () -> {
                    channel.close();
                    channel.dispose();
                }));
            });
        }
    }

    /** One data channel and its observer. */
    private final class Channel implements RTCDataChannelObserver {
        final ChannelSpec spec;
        final RTCDataChannel dc;
        final boolean receives;
        boolean open;
        /** Decodes frames when framing was negotiated; set before the remote description, read on onMessage. */
        volatile FrameDecoder decoder;

        Channel(ChannelSpec spec, RTCDataChannel dc) {
            this.spec = spec;
            this.dc = dc;
            this.receives = spec.direction().allowsReceive(role);
        }

        @Override
        public void onBufferedAmountChange(long previousAmount) {
            // never called by webrtc-java 0.14.0; the senders poll instead
        }

        @Override
        public void onStateChange() {
            NativeCallbacks.guard("onStateChange", () -> {
                RTCDataChannelState state = dc.getState(); // cached inside a callback: no hop
                executeWhileOpen("channel state", () -> onChannelState(this, state));
            });
        }

        @Override
        public void onMessage(RTCDataChannelBuffer buffer) {
            NativeCallbacks.guard("onMessage", () -> {
                if (!receives) {
                    log.debug("{}: dropped a payload on {}, which this {} does not receive", name, spec.name(), role);
                    return;
                }
                // the buffer is native memory, valid only during this callback: decoding copies what it keeps
                ByteBuffer data = buffer.data;
                FrameDecoder d = decoder;
                if (d != null) {
                    d.decode(data);
                    return;
                }
                byte[] payload = new byte[data.remaining()];
                data.get(payload);
                listener.onMessage(spec, payload);
            });
        }
    }
}
