package io.teleflux.bench.harness;

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
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import io.teleflux.Qos;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline: webrtc-java 0.14.0 driven directly, with no teleflux code in the data path. Its own
 * {@link PeerConnectionFactory} (with a {@link HeadlessAudioDeviceModule}) and two peer connections in this JVM, each
 * with the kind's two channels as negotiated data channels (same ids on both ends, the kind's ordering and
 * retransmissions). The calling thread is the operator's one sending thread: {@code send()} in a loop behind a
 * {@link SendGate}; the robot counts in {@code onMessage} and echoes pings from its own sending thread.
 *
 * <p>webrtc-java traps handled: every callback is guarded (a throw aborts the JVM) and hops off libwebrtc's
 * signaling thread for negotiation; ICE candidates that arrive before the remote description are queued (libwebrtc
 * drops them); every message is an exact-size array ({@code send()} ignores position and limit); release goes
 * channels (unregister, close, dispose), peer connections, audio module, factory, or the JVM does not exit.
 */
final class RawWebRtcLink implements BenchLink {

    private static final Logger log = LoggerFactory.getLogger(RawWebRtcLink.class);
    private static final int CHANNELS = 4; // forward and back, on both ends
    private static final AtomicInteger LINKS = new AtomicInteger();

    private final ChannelKind kind;
    private final String name = "raw-webrtc-" + LINKS.incrementAndGet();
    /** Negotiation steps, off libwebrtc's signaling thread; the pending candidates are touched only here. */
    private final ExecutorService control = singleThread(name + "-control");
    /** The robot's sending thread, for the echoes. */
    private final ExecutorService robotSender = singleThread(name + "-echo");
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final AtomicInteger openChannels = new AtomicInteger();
    private final LongAdder received = new LongAdder();
    private volatile Consumer<byte[]> onEcho;
    private HeadlessAudioDeviceModule audio;
    private PeerConnectionFactory factory;
    private Peer operator;
    private Peer robot;
    private SendGate gate;

    private RawWebRtcLink(ChannelKind kind) {
        this.kind = kind;
    }

    /** Creates, negotiates and opens a link; blocks until every channel is open, at most {@code timeout}. */
    static BenchLink open(ChannelKind kind, Duration timeout) {
        RawWebRtcLink link = new RawWebRtcLink(kind);
        try {
            link.start();
            link.opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return link;
        } catch (Exception e) {
            link.close();
            throw new IllegalStateException(link.name + " did not open: " + e, e);
        }
    }

    private void start() {
        audio = new HeadlessAudioDeviceModule();
        factory = new PeerConnectionFactory(audio);
        operator = new Peer(this::operatorReceived);
        robot = new Peer(this::robotReceived);
        operator.other = robot;
        robot.other = operator;
        gate = new SendGate(operator.forward::getBufferedAmount, kind.forward.qos().isReliable());
        onControl("negotiate", () -> operator.pc.createOffer(new RTCOfferOptions(), created(offer ->
                operator.pc.setLocalDescription(offer, done(() -> robot.setRemote(offer, () ->
                        robot.pc.createAnswer(new RTCAnswerOptions(), created(answer ->
                                robot.pc.setLocalDescription(answer, done(() ->
                                        operator.setRemote(answer, () -> { })))))))))));
    }

    @Override
    public long received() {
        return received.sum();
    }

    @Override
    public long flood(int size, Duration duration) {
        RTCDataChannelBuffer message = new RTCDataChannelBuffer(ByteBuffer.wrap(new byte[size]), true);
        long end = System.nanoTime() + duration.toNanos();
        long offered = 0;
        while (System.nanoTime() < end) {
            offered++;
            if (gate.admit(size)) {
                send(operator.forward, message);
            }
        }
        return offered;
    }

    @Override
    public Pinger echo(Consumer<byte[]> onEcho) {
        this.onEcho = onEcho;
        return new Pinger() {
            private volatile boolean disposed;

            @Override
            public void ping(byte[] payload) {
                send(operator.forward, new RTCDataChannelBuffer(ByteBuffer.wrap(payload), true));
            }

            @Override
            public void dispose() {
                disposed = true;
                RawWebRtcLink.this.onEcho = null;
            }

            @Override
            public boolean isDisposed() {
                return disposed;
            }
        };
    }

    /** On libwebrtc's signaling thread: count; while pinging, copy (the buffer is native) and echo. */
    private void robotReceived(ByteBuffer data) {
        received.increment();
        if (onEcho != null) {
            RTCDataChannelBuffer echo = new RTCDataChannelBuffer(ByteBuffer.wrap(copy(data)), true);
            robotSender.execute(() -> send(robot.back, echo));
        }
    }

    /** On libwebrtc's signaling thread: an echo for the pinger. */
    private void operatorReceived(ByteBuffer data) {
        Consumer<byte[]> to = onEcho;
        if (to != null) {
            to.accept(copy(data));
        }
    }

    private static byte[] copy(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    private void send(RTCDataChannel channel, RTCDataChannelBuffer message) {
        try {
            channel.send(message);
        } catch (Exception e) {
            throw new IllegalStateException(name + ": send failed", e);
        }
    }

    /**
     * Releases in the order webrtc-java needs, from this (non-libwebrtc) thread: the link's own threads stopped, the
     * channels unregistered, closed and disposed, the peer connections closed, the audio module, then the factory.
     */
    @Override
    public void close() {
        onEcho = null;
        stop(robotSender);
        stop(control);
        for (Peer p : new Peer[] {operator, robot}) {
            if (p != null) {
                for (RTCDataChannel dc : new RTCDataChannel[] {p.forward, p.back}) {
                    quietly("release a data channel", () -> {
                        dc.unregisterObserver();
                        dc.close();
                        dc.dispose();
                    });
                }
                quietly("close a peer connection", p.pc::close);
            }
        }
        if (audio != null) {
            quietly("dispose the audio module", audio::dispose);
        }
        if (factory != null) {
            quietly("dispose the factory", factory::dispose);
        }
    }

    // ---- callbacks ---------------------------------------------------------------------------------------------------

    /** Runs {@code body} so that nothing it throws reaches native code; a failure before opening fails the open. */
    private void guard(String what, Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            if (!opened.completeExceptionally(new IllegalStateException(what + " failed", t))) {
                log.warn("{}: {} failed", name, what, t);
            }
        }
    }

    /** Hops to the control thread; dropped once the link is closing. */
    private void onControl(String what, Runnable body) {
        try {
            control.execute(() -> guard(what, body));
        } catch (RejectedExecutionException closing) {
            // released meanwhile
        }
    }

    private CreateSessionDescriptionObserver created(Consumer<RTCSessionDescription> then) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                guard("create description", () -> onControl("description created", () -> then.accept(description)));
            }

            @Override
            public void onFailure(String error) {
                opened.completeExceptionally(new IllegalStateException("creating a description failed: " + error));
            }
        };
    }

    private SetSessionDescriptionObserver done(Runnable then) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                guard("set description", () -> onControl("description set", then));
            }

            @Override
            public void onFailure(String error) {
                opened.completeExceptionally(new IllegalStateException("setting a description failed: " + error));
            }
        };
    }

    /** One end: a peer connection and its forward and back channels. */
    private final class Peer implements PeerConnectionObserver {
        final RTCPeerConnection pc;
        final RTCDataChannel forward;
        final RTCDataChannel back;
        Peer other;
        // control thread only
        private final List<RTCIceCandidate> pendingCandidates = new ArrayList<>();
        private boolean remoteSet;

        Peer(Consumer<ByteBuffer> inbound) {
            RTCConfiguration config = new RTCConfiguration();
            config.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
            pc = factory.createPeerConnection(config, this);
            forward = channel(1, kind.forward.qos(), inbound);
            back = channel(2, kind.back.qos(), inbound);
        }

        private RTCDataChannel channel(int id, Qos qos, Consumer<ByteBuffer> inbound) {
            RTCDataChannelInit init = new RTCDataChannelInit();
            init.negotiated = true;
            init.id = id;
            init.ordered = qos.ordered();
            init.maxRetransmits = qos.maxRetransmits().orElse(-1);
            RTCDataChannel dc = pc.createDataChannel("bench-" + id, init);
            dc.registerObserver(new RTCDataChannelObserver() {
                @Override
                public void onBufferedAmountChange(long previousAmount) {
                    // never called by webrtc-java 0.14.0: the gate polls
                }

                @Override
                public void onStateChange() {
                    guard("channel state", () -> {
                        RTCDataChannelState state = dc.getState(); // cached inside a callback
                        if (state == RTCDataChannelState.OPEN && openChannels.incrementAndGet() == CHANNELS) {
                            opened.complete(null);
                        } else if (state == RTCDataChannelState.CLOSED) {
                            opened.completeExceptionally(new IllegalStateException("a data channel closed"));
                        }
                    });
                }

                @Override
                public void onMessage(RTCDataChannelBuffer buffer) {
                    guard("message", () -> inbound.accept(buffer.data));
                }
            });
            return dc;
        }

        /** On the control thread. */
        void setRemote(RTCSessionDescription description, Runnable then) {
            pc.setRemoteDescription(description, done(() -> {
                remoteSet = true;
                pendingCandidates.forEach(pc::addIceCandidate);
                pendingCandidates.clear();
                then.run();
            }));
        }

        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            guard("ice candidate", () -> onControl("ice candidate", () -> {
                if (other.remoteSet) {
                    other.pc.addIceCandidate(candidate);
                } else {
                    other.pendingCandidates.add(candidate); // libwebrtc drops candidates before the description
                }
            }));
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            if (state == RTCPeerConnectionState.FAILED) {
                opened.completeExceptionally(new IllegalStateException("the peer connection failed"));
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    private static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
    }

    private void stop(ExecutorService executor) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("{}: a thread did not stop within 2 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void quietly(String what, Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            log.warn("{}: {} failed", name, what, t);
        }
    }
}
