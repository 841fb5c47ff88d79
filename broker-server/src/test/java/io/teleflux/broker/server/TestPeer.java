package io.teleflux.broker.server;

import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import io.teleflux.ChannelSpec;
import io.teleflux.Direction;
import io.teleflux.spi.EndpointListener;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A real webrtc-java peer playing a robot or an operator against the broker's relay in tests: non-trickle offers,
 * negotiated channels opened by id, optionally a camera track (robot) and a counter of received video frames.
 */
final class TestPeer implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** One opened channel: its binding and everything it received. */
    record Channel(DataChannelBinding binding, Sinks.Many<byte[]> inbound) {
        Flux<String> texts() {
            return inbound.asFlux().map(String::new);
        }

        Mono<Void> send(String text) {
            return binding.send(Mono.just(text.getBytes()));
        }
    }

    private final PeerConnectionFactoryLease lease = PeerConnectionFactoryLease.acquire();
    private final Scheduler control = Schedulers.newSingle("test-peer");
    private final Sinks.Many<RTCPeerConnectionState> states = Sinks.many().replay().latest();
    private final List<Channel> channels = new CopyOnWriteArrayList<>();
    private final AtomicLong framesReceived = new AtomicLong();
    private final RTCPeerConnection pc;
    private CustomVideoSource camera;
    private VideoTrack cameraTrack;
    private Disposable cameraTask;
    private int remoteMaxMessageSize = 65536;

    private TestPeer(boolean robot, boolean video) {
        pc = lease.createPeerConnection(PeerConfigurations.of(List.of(), false), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                NativeCallbacks.guard("test onConnectionChange", () -> states.tryEmitNext(state));
            }

            @Override
            public void onTrack(RTCRtpTransceiver transceiver) {
                NativeCallbacks.guard("test onTrack", () -> {
                    MediaStreamTrack track = transceiver.getReceiver().getTrack();
                    if (track instanceof VideoTrack v) {
                        VideoTrackSink sink = frame -> framesReceived.incrementAndGet();
                        v.addSink(sink);
                    }
                });
            }
        });
        if (video) {
            camera = new CustomVideoSource();
            cameraTrack = lease.factory().createVideoTrack("camera", camera);
            pc.addTrack(cameraTrack, List.of("robot"));
        }
        if (robot) {
            DataChannels.createNegotiated(pc, ChannelSpec.of("_sctp_init", Direction.BOTH), 0); // kept open
        } else {
            RTCDataChannelInit init = new RTCDataChannelInit(); // like a browser: non-negotiated
            pc.createDataChannel("_sctp_init", init);
        }
    }

    /** A robot: negotiated {@code _sctp_init} on id 0 and, with {@code video}, a 320x240 camera at ~15 fps. */
    static TestPeer robot(boolean video) {
        return new TestPeer(true, video);
    }

    /** An operator, offering like a browser (a non-negotiated {@code _sctp_init}). */
    static TestPeer operator() {
        return new TestPeer(false, false);
    }

    /** A complete offer (gathering finished). */
    String offer() {
        return SessionDescriptions.createOffer(pc).publishOn(control)
                .flatMap(o -> SessionDescriptions.setLocal(pc, o)).publishOn(control)
                .then(Mono.defer(() -> IceGathering.completeLocalDescription(pc, Duration.ofSeconds(5))))
                .map(d -> d.sdp)
                .block(TIMEOUT);
    }

    void applyAnswer(String sdp) {
        remoteMaxMessageSize = SdpAttributes.maxMessageSize(sdp);
        SessionDescriptions.setRemote(pc, new RTCSessionDescription(RTCSdpType.ANSWER, sdp)).publishOn(control)
                .block(TIMEOUT);
    }

    /** Answers a renegotiation offer (the relay's video offer); returns the complete answer. */
    String answerOffer(String sdp) {
        return SessionDescriptions.setRemote(pc, new RTCSessionDescription(RTCSdpType.OFFER, sdp)).publishOn(control)
                .then(Mono.defer(() -> SessionDescriptions.createAnswer(pc))).publishOn(control)
                .flatMap(a -> SessionDescriptions.setLocal(pc, a)).publishOn(control)
                .then(Mono.defer(() -> IceGathering.completeLocalDescription(pc, Duration.ofSeconds(5))))
                .map(d -> d.sdp)
                .block(TIMEOUT);
    }

    Flux<RTCPeerConnectionState> states() {
        return states.asFlux();
    }

    void awaitConnected() {
        states.asFlux().filter(s -> s == RTCPeerConnectionState.CONNECTED).next().block(TIMEOUT);
    }

    /** Opens negotiated channel {@code id} for {@code spec}; sends and receives. */
    Channel open(ChannelSpec spec, int id) {
        Sinks.Many<byte[]> inbound = Sinks.many().replay().all();
        DataChannelBinding binding = Mono.fromCallable(() -> {
            RTCDataChannel dc = DataChannels.createNegotiated(pc, spec, id);
            DataChannelBinding b = DataChannelBinding.bind(dc, spec, new EndpointListener() {
                @Override
                public void onMessage(ChannelSpec channel, byte[] payload) {
                    inbound.tryEmitNext(payload);
                }

                @Override
                public void onOutboundDropped(ChannelSpec channel, long count, String reason) {
                }
            }, true, true, DataChannelBinding.DEFAULT_SEND_HIGH_WATER_MARK, "test-send-" + spec.name() + "-" + id,
                    null);
            b.negotiated(Framing.NONE, remoteMaxMessageSize);
            return b;
        }).subscribeOn(control).block(TIMEOUT);
        Channel c = new Channel(binding, inbound);
        channels.add(c);
        return c;
    }

    /** Pushes a grey 320x240 frame every 66 ms until closed. */
    void startCamera() {
        cameraTask = Flux.interval(Duration.ofMillis(66), Schedulers.newSingle("test-camera"))
                .subscribe(tick -> {
                    NativeI420Buffer buffer = NativeI420Buffer.allocate(320, 240);
                    VideoFrame frame = new VideoFrame(buffer, System.nanoTime());
                    camera.pushFrame(frame);
                    frame.release();
                });
    }

    /** The peer connection, for reading its statistics. */
    RTCPeerConnection pc() {
        return pc;
    }

    long framesReceived() {
        return framesReceived.get();
    }

    @Override
    public void close() {
        if (cameraTask != null) {
            cameraTask.dispose();
        }
        Mono.fromRunnable(() -> {
            channels.forEach(c -> c.binding().close());
            PeerConnectionFactoryLease.closePeerConnection(pc);
        }).subscribeOn(control).block(TIMEOUT);
        control.dispose();
        lease.close();
    }
}
