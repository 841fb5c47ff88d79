package io.teleflux.broker;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import io.teleflux.ChannelSpec;
import io.teleflux.Channels;
import io.teleflux.ConnectionState;
import io.teleflux.Role;
import io.teleflux.SessionClosedException;
import io.teleflux.TelefluxException;
import io.teleflux.spi.Endpoint;
import io.teleflux.spi.EndpointRequest;
import io.teleflux.spi.Provider;
import io.teleflux.webrtc.peer.DataChannelBinding;
import io.teleflux.webrtc.peer.DataChannels;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The robot side of the hosted-teleop broker (see {@link BrokerConfig} for the behaviour). One instance per equal
 * config in the JVM: {@link #start()} registers the broker session and connects the peer connection,
 * {@link #open} adds a session's listener, {@link #stop()} deletes the broker session and releases everything.
 */
final class BrokerProvider implements Provider {

    private static final Logger log = LoggerFactory.getLogger(BrokerProvider.class);

    /** How long the peer connection may take to connect after the answer. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** How long a bridged channel may take to open. */
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(5);

    /** The wire options of the bridged channels, whatever local options a session declared. */
    static final Map<String, ChannelSpec> WIRE = Map.of(
            ChannelIdMap.CMD, Channels.CMD_UNRELIABLE, ChannelIdMap.STATE, Channels.STATE_RELIABLE,
            ChannelIdMap.STATE_BACK, Channels.STATE_RELIABLE_BACK, ChannelIdMap.MAP, Channels.MAP_UNRELIABLE);
    private static final ChannelSpec PLACEHOLDER = ChannelSpec.of("_sctp_init", io.teleflux.Direction.ROBOT_TO_OPERATOR);

    private final BrokerConfig config;
    private final RobotApi api;
    private final Fanout fanout = new Fanout();
    private final ChannelReconciler reconciler = new ChannelReconciler();
    private final HeartbeatStreak streak = new HeartbeatStreak();
    private final HeartbeatNudge nudge = new HeartbeatNudge();
    private final Map<String, DataChannelBinding> bindings = new ConcurrentHashMap<>();
    private final Sinks.Many<Set<String>> openChannels = Sinks.many().replay().latest();
    private final List<RobotEndpoint> endpoints = new CopyOnWriteArrayList<>();
    private volatile PeerLink link;
    private volatile RTCDataChannel placeholder;
    private volatile RobotVideo video;
    private volatile String sessionId;
    private volatile Disposable heartbeat;
    private volatile Disposable pcWatch;
    private volatile boolean stopped;

    BrokerProvider(BrokerConfig config) {
        this.config = config;
        this.api = new RobotApi(config);
        openChannels.tryEmitNext(Set.of());
    }

    // ---- start: the robot sequence --------------------------------------------------------------------------------

    @Override
    public Mono<Void> start() {
        return api.iceServers()
                .flatMap(ice -> PeerLink.create("robot", ice))
                .flatMap(l -> {
                    if (stopped) {
                        return l.close().then(Mono.error(stoppedWhileStarting()));
                    }
                    link = l;
                    return Mono.just(l);
                })
                .flatMap(l -> Mono.fromRunnable(this::buildPeer).subscribeOn(l.control()).then(l.completeOffer()))
                .flatMap(api::register)
                .flatMap(reg -> {
                    sessionId = reg.sessionId();
                    log.info("broker session {} registered for {}", reg.sessionId(), config);
                    return link.acceptAnswer(BundleCandidates.propagate(reg.sdpAnswer()));
                })
                .then(Mono.defer(() -> link.awaitConnected(CONNECT_TIMEOUT)))
                .then(Mono.defer(() -> stopped ? Mono.<Void>error(stoppedWhileStarting()) : Mono.<Void>empty()))
                .doOnSuccess(v -> {
                    RobotVideo v2 = video;
                    if (v2 != null) {
                        v2.arm();
                    }
                    watchPeer();
                    startHeartbeat();
                    log.info("broker session {} connected", sessionId);
                })
                .onErrorResume(e -> teardown().then(Mono.error(e)));
    }

    private SessionClosedException stoppedWhileStarting() {
        return new SessionClosedException("the broker robot session was closed while it was starting");
    }

    /** Video track first, then recvonly audio, then the negotiated id-0 placeholder channel (kept open). */
    private void buildPeer() {
        PeerLink l = link;
        if (config.video()) {
            video = RobotVideo.attach(l);
        }
        RobotVideo.addRecvOnlyAudio(l);
        placeholder = DataChannels.createNegotiated(l.pc(), PLACEHOLDER, 0);
        nudge.watch(placeholder);
    }

    private void watchPeer() {
        pcWatch = link.states().skip(1).subscribe(s -> {
            if (s == RTCPeerConnectionState.DISCONNECTED) {
                endpoints.forEach(e -> e.state(ConnectionState.DISCONNECTED));
            } else if (s == RTCPeerConnectionState.CONNECTED) {
                endpoints.forEach(e -> e.state(ConnectionState.CONNECTED));
            } else if (s == RTCPeerConnectionState.FAILED && !stopped) {
                endpoints.forEach(e -> e.fail(new TelefluxException("broker session " + sessionId
                        + ": the peer connection to the broker failed")));
            }
        });
    }

    // ---- heartbeat and reconcile ------------------------------------------------------------------------------------

    private void startHeartbeat() {
        // the 1 Hz cadence, plus an immediate beat when the broker hints that the channel ids changed; a tick that
        // comes during a beat waits for it (latest only), so a hint is never lost to a beat that started before it;
        // a short gap after each beat bounds how often hints can make the robot heartbeat
        heartbeat = Flux.merge(Flux.interval(Duration.ZERO, config.heartbeat(), link.control()),
                        nudge.hints().publishOn(link.control()))
                .onBackpressureLatest()
                .concatMap(tick -> beat().then(Mono.delay(HeartbeatNudge.MIN_GAP, link.control()).then()), 1)
                .subscribe(null, e -> log.error("broker session {}: heartbeat loop died", sessionId, e));
    }

    private Mono<Void> beat() {
        String id = sessionId;
        if (id == null || stopped) {
            return Mono.empty();
        }
        return api.heartbeat(id)
                .onErrorResume(BrokerException.class, e -> Mono.just(new BrokerHttp.Reply(0, e.getMessage())))
                .publishOn(link.control())
                .flatMap(reply -> {
                    if (stopped) {
                        return Mono.empty();
                    }
                    boolean failed = reply.status() != 200;
                    if (streak.firstFailure(failed)) {
                        log.warn("broker session {}: heartbeat failing: {} {}", id, reply.status(),
                                BrokerException.quote(reply.body()));
                    }
                    if (streak.record(reply.status())) {
                        terminate(reply.status());
                        return Mono.empty();
                    }
                    if (failed) {
                        return Mono.empty();
                    }
                    HeartbeatAck ack;
                    try {
                        ack = HeartbeatAck.parse(reply.json());
                    } catch (RuntimeException e) {
                        log.warn("broker session {}: unusable heartbeat ack: {}", id, e.getMessage());
                        return Mono.empty();
                    }
                    return reconcile(ack.channels()).then(answerAudio(ack.renegotiateOffer()));
                })
                .onErrorResume(e -> {
                    log.warn("broker session {}: heartbeat step failed", id, e);
                    return Mono.empty();
                });
    }

    /** On the control thread: closes and opens channels as the plan says; ids are recorded only after open. */
    private Mono<Void> reconcile(ChannelIdMap wanted) {
        ChannelReconciler.Plan plan = reconciler.plan(wanted);
        if (plan.isEmpty()) {
            return Mono.empty();
        }
        if (plan.operatorLost()) {
            log.info("broker session {}: operator lost", sessionId);
            injectOperatorLost();
        }
        return Flux.fromIterable(plan.steps())
                .concatMap(step -> {
                    if (step.closeId() != null) {
                        closeBinding(step.name());
                    }
                    if (step.openId() == null) {
                        return Mono.empty();
                    }
                    boolean inbound = ChannelIdMap.CMD.equals(step.name()) || ChannelIdMap.STATE.equals(step.name());
                    ChannelSpec wire = WIRE.get(step.name());
                    return link.openChannel(wire, step.openId(), inbound ? new Inbound() : fanout, inbound, !inbound,
                                    OPEN_TIMEOUT)
                            .doOnNext(b -> {
                                if (stopped) {
                                    b.close();
                                    return;
                                }
                                bindings.put(step.name(), b);
                                reconciler.opened(step.name(), step.openId());
                                log.debug("broker session {}: {} open on id {}", sessionId, step.name(),
                                        step.openId());
                            })
                            .then()
                            .onErrorResume(e -> {
                                log.warn("broker session {}: opening {} on id {} failed, retrying next heartbeat: {}",
                                        sessionId, step.name(), step.openId(), e.getMessage());
                                return Mono.empty();
                            });
                })
                .then(Mono.fromRunnable(this::publishOpen));
    }

    private void closeBinding(String name) {
        DataChannelBinding old = bindings.remove(name);
        reconciler.closed(name);
        if (old != null) {
            old.close();
        }
        publishOpen();
    }

    private void publishOpen() {
        openChannels.tryEmitNext(Set.copyOf(bindings.keySet()));
    }

    private void injectOperatorLost() {
        fanout.onMessage(Channels.STATE_RELIABLE, PingResponder.operatorLost());
    }

    private Mono<Void> answerAudio(String offer) {
        if (offer == null || offer.isBlank()) {
            return Mono.empty();
        }
        String id = sessionId;
        return link.answerOffer(offer)
                .flatMap(answer -> api.renegotiate(id, answer))
                .doOnSuccess(v -> log.info("broker session {}: operator audio renegotiated", id))
                .onErrorResume(e -> {
                    log.warn("broker session {}: answering the audio offer failed; continuing without audio: {}", id,
                            e.getMessage());
                    return Mono.empty();
                });
    }

    private void terminate(int status) {
        String id = sessionId;
        log.error("broker session {}: {} consecutive heartbeat replies {} (key revoked or session deleted); ending it",
                id, HeartbeatStreak.TERMINAL_STREAK, status);
        Disposable hb = heartbeat;
        if (hb != null) {
            hb.dispose();
        }
        injectOperatorLost();
        BrokerSessionEndedException error = new BrokerSessionEndedException("broker session " + id + " ended: "
                + HeartbeatStreak.TERMINAL_STREAK + " consecutive heartbeat replies " + status
                + (status == 401 ? " (the API key was rejected)" : " (the session no longer exists)"), status);
        endpoints.forEach(e -> e.fail(error));
    }

    /** Inbound from cmd_unreliable and state_reliable: pings are answered first, then everything fans out. */
    private final class Inbound implements io.teleflux.spi.EndpointListener {
        @Override
        public void onMessage(ChannelSpec channel, byte[] payload) {
            if (ChannelIdMap.STATE.equals(channel.name())) {
                Optional<byte[]> pong = PingResponder.answer(payload, RobotClock.localNow());
                pong.ifPresent(BrokerProvider.this::sendPong);
            }
            fanout.onMessage(channel, payload);
        }

        @Override
        public void onOutboundDropped(ChannelSpec channel, long count, String reason) {
            fanout.onOutboundDropped(channel, count, reason);
        }
    }

    private void sendPong(byte[] pong) {
        DataChannelBinding back = bindings.get(ChannelIdMap.STATE_BACK);
        if (back == null) {
            log.warn("broker session {}: ping received but state_reliable_back is not open; pong dropped", sessionId);
            return;
        }
        back.send(Mono.just(pong)).subscribe(null, e -> log.debug("pong not sent: {}", e.toString()));
    }

    // ---- endpoints ----------------------------------------------------------------------------------------------

    @Override
    public Mono<Endpoint> open(EndpointRequest request) {
        return Mono.defer(() -> {
            if (request.role() != Role.ROBOT) {
                return Mono.error(new IllegalArgumentException("BrokerConfig is the robot side; an operator joins "
                        + "with OperatorConfig (OperatorClient)"));
            }
            for (ChannelSpec c : request.channels()) {
                ChannelSpec wire = WIRE.get(c.name());
                if (wire == null || wire.direction() != c.direction()) {
                    return Mono.error(new TelefluxException("the broker bridges only the four standard channels "
                            + WIRE.keySet() + " in their standard directions; cannot carry " + c));
                }
            }
            RobotEndpoint endpoint = new RobotEndpoint(this, new Fanout.Member(request.listener(),
                    request.channels()));
            endpoints.add(endpoint);
            fanout.add(endpoint.member());
            Mono<Endpoint> ready = Mono.just(endpoint);
            if (config.awaitOperator()) {
                Set<String> wanted = request.channels().stream().map(ChannelSpec::name).collect(Collectors.toSet());
                ready = openChannels.asFlux().filter(open -> open.containsAll(wanted)).next().thenReturn(endpoint);
            }
            return ready.doOnCancel(() -> endpoint.close().subscribe())
                    .doOnError(e -> endpoint.close().subscribe());
        });
    }

    void removed(RobotEndpoint endpoint) {
        endpoints.remove(endpoint);
        fanout.remove(endpoint.member());
    }

    /** The binding currently open for an outbound channel, or null when no operator is bridged. */
    DataChannelBinding binding(String name) {
        return bindings.get(name);
    }

    /** The name of the peer link (its threads start with it), or null before start (for tests). */
    String linkName() {
        PeerLink l = link;
        return l == null ? null : l.name();
    }

    /** The SCTP id {@code name} is open on, or null (for tests). */
    Integer channelId(String name) {
        return reconciler.idOf(name);
    }

    RobotVideo video() {
        return video;
    }

    String sessionId() {
        return sessionId;
    }

    Flux<Set<String>> openChannels() {
        return openChannels.asFlux();
    }

    // ---- stop -----------------------------------------------------------------------------------------------------

    @Override
    public Mono<Void> stop() {
        return teardown();
    }

    private Mono<Void> teardown() {
        return Mono.defer(() -> {
            stopped = true;
            Disposable hb = heartbeat;
            if (hb != null) {
                hb.dispose();
            }
            Disposable w = pcWatch;
            if (w != null) {
                w.dispose();
            }
            String id = sessionId;
            Mono<Void> delete = id == null ? Mono.empty() : api.delete(id).timeout(config.requestTimeout(),
                    Mono.empty());
            PeerLink l = link;
            Mono<Void> release = l == null ? Mono.empty() : Mono.<Void>fromRunnable(() -> {
                bindings.keySet().forEach(this::closeBinding);
                reconciler.clear();
                RobotVideo v = video;
                if (v != null) {
                    v.stop();
                }
                RTCDataChannel p = placeholder;
                if (p != null) {
                    HeartbeatNudge.unwatch(p);
                    DataChannels.release(p, "the placeholder channel");
                }
            }).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()).then(l.close())
                    .then(Mono.fromRunnable(() -> {
                        RobotVideo v = video;
                        if (v != null) {
                            v.dispose();
                        }
                    }));
            return delete.then(release)
                    .doFinally(s -> {
                        openChannels.tryEmitComplete();
                        log.info("broker session {} closed", id);
                    });
        });
    }

    @Override
    public String toString() {
        return "BrokerProvider[" + config + ", session " + sessionId + "]";
    }
}
