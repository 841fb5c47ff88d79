package io.teleflux.broker;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import io.teleflux.ChannelSpec;
import io.teleflux.ConnectionState;
import io.teleflux.SessionClosedException;
import io.teleflux.TelefluxException;
import io.teleflux.spi.Endpoint;
import io.teleflux.spi.EndpointRequest;
import io.teleflux.video.Frame;
import io.teleflux.webrtc.peer.DataChannelBinding;
import io.teleflux.webrtc.peer.DataChannels;
import io.teleflux.webrtc.peer.VideoTrackReceiver;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * One operator's joined session: the peer connection to the broker's SFU, the four bridged channels on the ids the
 * bridge returned, the robot's video, and the op-heartbeat. Closing leaves the session.
 */
final class OperatorEndpoint implements Endpoint {

    private static final Logger log = LoggerFactory.getLogger(OperatorEndpoint.class);
    private static final ChannelSpec PLACEHOLDER = ChannelSpec.of("_sctp_init",
            io.teleflux.Direction.OPERATOR_TO_ROBOT);
    /** Consecutive op-heartbeat replies of 401/403/404 after which the operator counts as evicted. */
    static final int EVICTED_STREAK = 2;

    private final OperatorConfig config;
    private final OperatorApi api;
    private final EndpointRequest request;
    private final Fanout fanout = new Fanout();
    private final Map<String, DataChannelBinding> bindings = new ConcurrentHashMap<>();
    private final Sinks.Many<ConnectionState> states = Sinks.many().replay().latest();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Disposable.Composite running = Disposables.composite();
    private final Mono<Void> close;
    private final VideoTrackReceiver video = new VideoTrackReceiver();
    private volatile PeerLink link;
    private volatile RTCDataChannel placeholder;
    private volatile String sessionId;
    private int evictedStreak;

    OperatorEndpoint(OperatorConfig config, OperatorApi api, EndpointRequest request) {
        this.config = config;
        this.api = api;
        this.request = request;
        fanout.add(new Fanout.Member(request.listener(), request.channels()));
        states.tryEmitNext(ConnectionState.CONNECTING);
        this.close = Mono.defer(this::doClose).cache();
    }

    /** offer → join → connected → bridge → channels → video → heartbeat. */
    Mono<Void> connect(PeerLink l) {
        this.link = l;
        if (closed.get()) {
            return l.close().then(Mono.error(new SessionClosedException("the operator session was closed while "
                    + "joining")));
        }
        l.onTrack(transceiver -> {
            if (transceiver.getReceiver() != null && transceiver.getReceiver().getTrack() instanceof VideoTrack track) {
                video.attach(track);
            }
        });
        return Mono.fromRunnable(() -> placeholder = DataChannels.createNegotiated(l.pc(), PLACEHOLDER, 0))
                .subscribeOn(l.control())
                .then(l.completeOffer())
                .flatMap(offer -> OperatorProvider.resolveSession(config, api)
                        .flatMap(id -> {
                            sessionId = id;
                            return api.join(id, offer);
                        }))
                .flatMap(joined -> l.acceptAnswer(BundleCandidates.propagate(joined.sdpAnswer())))
                .then(Mono.defer(() -> l.awaitConnected(OperatorProvider.CONNECT_TIMEOUT)))
                .then(Mono.defer(() -> api.bridge(sessionId)
                        .retryWhen(Retry.backoff(5, Duration.ofMillis(200))
                                .filter(e -> e instanceof BrokerException b && b.status() == 409)
                                .onRetryExhaustedThrow((spec, signal) -> signal.failure()))))
                .publishOn(l.control())
                .flatMap(bridged -> openChannels(bridged).then(acceptVideo(bridged)))
                .doOnSuccess(v -> {
                    states.tryEmitNext(ConnectionState.CONNECTED);
                    watchPeer();
                    startHeartbeat();
                    log.info("operator joined broker session {}", sessionId);
                });
    }

    private Mono<Void> openChannels(OperatorApi.Bridged bridged) {
        return Flux.fromIterable(bridged.channels().ids().entrySet())
                .concatMap(e -> {
                    if (e.getValue() == null) {
                        return Mono.error(new BrokerException("the bridge returned no id for " + e.getKey(), 502));
                    }
                    ChannelSpec wire = BrokerProvider.WIRE.get(e.getKey());
                    boolean receives = wire.direction() == io.teleflux.Direction.ROBOT_TO_OPERATOR;
                    return link.openChannel(wire, e.getValue(), fanout, receives, !receives, BrokerProvider.OPEN_TIMEOUT)
                            .doOnNext(b -> bindings.put(e.getKey(), b));
                })
                .then();
    }

    private Mono<Void> acceptVideo(OperatorApi.Bridged bridged) {
        if (!config.video() || bridged.videoOffer() == null) {
            if (config.video()) {
                log.info("broker session {}: no video from the robot ({})", sessionId, bridged.videoStatus());
            }
            return Mono.empty();
        }
        return link.answerOffer(bridged.videoOffer())
                .flatMap(answer -> api.renegotiateAnswer(sessionId, answer))
                .onErrorResume(e -> {
                    log.warn("broker session {}: accepting the robot's video failed; continuing without video: {}",
                            sessionId, e.getMessage());
                    return Mono.empty();
                });
    }

    private void watchPeer() {
        running.add(link.states().skip(1).subscribe(s -> {
            if (s == RTCPeerConnectionState.DISCONNECTED) {
                emit(ConnectionState.DISCONNECTED);
            } else if (s == RTCPeerConnectionState.CONNECTED) {
                emit(ConnectionState.CONNECTED);
            } else if (s == RTCPeerConnectionState.FAILED) {
                fail(new TelefluxException("broker session " + sessionId + ": the operator's peer connection failed"));
            }
        }));
    }

    private void startHeartbeat() {
        running.add(Flux.interval(config.heartbeat(), config.heartbeat(), link.control())
                .onBackpressureDrop()
                .concatMap(t -> api.heartbeat(sessionId)
                        .map(BrokerHttp.Reply::status)
                        .onErrorResume(e -> Mono.just(0))
                        .publishOn(link.control())
                        .doOnNext(this::onHeartbeat), 1)
                .subscribe());
    }

    private void onHeartbeat(int status) {
        if (status == 401 || status == 403 || status == 404) {
            if (++evictedStreak >= EVICTED_STREAK) {
                fail(new BrokerSessionEndedException("operator of broker session " + sessionId
                        + " is no longer bound to it: op-heartbeat replied " + status, status));
            }
        } else {
            evictedStreak = 0;
        }
    }

    private synchronized void emit(ConnectionState s) {
        if (!closed.get()) {
            states.tryEmitNext(s);
        }
    }

    private synchronized void fail(Throwable e) {
        if (!closed.get()) {
            states.tryEmitError(e);
        }
    }

    String sessionId() {
        return sessionId;
    }

    @Override
    public Mono<Void> send(ChannelSpec channel, Publisher<byte[]> payloads) {
        return Mono.defer(() -> {
            DataChannelBinding b = bindings.get(channel.name());
            if (b == null) {
                return Mono.error(new SessionClosedException("channel " + channel.name() + " is not open"));
            }
            return b.send(payloads);
        });
    }

    @Override
    public Flux<Frame> video() {
        return video.frames();
    }

    @Override
    public Flux<ConnectionState> states() {
        return states.asFlux();
    }

    @Override
    public Mono<Void> close() {
        return close;
    }

    private Mono<Void> doClose() {
        closed.set(true);
        running.dispose();
        String id = sessionId;
        Mono<Void> leave = id == null ? Mono.empty() : api.leave(id)
                .timeout(config.requestTimeout())
                .onErrorResume(e -> {
                    log.debug("leaving broker session {}: {}", id, e.toString());
                    return Mono.empty();
                });
        PeerLink l = link;
        Mono<Void> release = Mono.<Void>fromRunnable(() -> {
            bindings.values().forEach(DataChannelBinding::close);
            bindings.clear();
            RTCDataChannel p = placeholder;
            if (p != null) {
                DataChannels.release(p, "the placeholder channel");
            }
            video.close();
        }).subscribeOn(Schedulers.boundedElastic()).then(l == null ? Mono.empty() : l.close());
        return leave.then(release).doFinally(s -> {
            synchronized (this) {
                states.tryEmitNext(ConnectionState.CLOSED);
                states.tryEmitComplete();
            }
        });
    }

    @Override
    public String toString() {
        return "OperatorEndpoint[" + config + ", session " + sessionId + "]";
    }
}
