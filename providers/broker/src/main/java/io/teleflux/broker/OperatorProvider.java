package io.teleflux.broker;

import io.teleflux.ChannelSpec;
import io.teleflux.Role;
import io.teleflux.TelefluxException;
import io.teleflux.spi.Endpoint;
import io.teleflux.spi.EndpointRequest;
import io.teleflux.spi.Provider;
import io.teleflux.webrtc.IceServer;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The operator side of the broker. Each {@link #open} joins the robot session with its own peer connection (the
 * broker binds one operator per session, so a second open of the same session fails with 409).
 */
final class OperatorProvider implements Provider {

    private static final Logger log = LoggerFactory.getLogger(OperatorProvider.class);

    /** How long the operator's peer connection may take to connect after the answer (the browser allows 20 s). */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** How often the session list is polled while waiting for a robot. */
    static final Duration LIST_POLL = Duration.ofMillis(250);

    private final OperatorConfig config;
    private final OperatorApi api;

    OperatorProvider(OperatorConfig config) {
        this.config = config;
        this.api = new OperatorApi(config.brokerUrl(), config.bearerToken(), config.requestTimeout());
    }

    @Override
    public Mono<Void> start() {
        return Mono.empty();
    }

    @Override
    public Mono<Endpoint> open(EndpointRequest request) {
        return Mono.defer(() -> {
            if (request.role() != Role.OPERATOR) {
                return Mono.error(new IllegalArgumentException("OperatorConfig is the operator side; a robot "
                        + "registers with BrokerConfig"));
            }
            for (ChannelSpec c : request.channels()) {
                ChannelSpec wire = BrokerProvider.WIRE.get(c.name());
                if (wire == null || wire.direction() != c.direction()) {
                    return Mono.error(new TelefluxException("the broker bridges only the four standard channels "
                            + BrokerProvider.WIRE.keySet() + " in their standard directions; cannot carry " + c));
                }
            }
            OperatorEndpoint endpoint = new OperatorEndpoint(config, api, request);
            return iceServers()
                    .flatMap(ice -> PeerLink.create("operator", ice))
                    .flatMap(endpoint::connect)
                    .thenReturn((Endpoint) endpoint)
                    .onErrorResume(e -> endpoint.close().then(Mono.error(e)))
                    .doOnCancel(() -> endpoint.close().subscribe());
        });
    }

    private Mono<List<IceServer>> iceServers() {
        List<IceServer> stunOnly = config.stunUrl().map(IceServer::stun).map(List::of).orElse(List.of());
        return api.iceServers().map(list -> list.isEmpty() ? stunOnly : list).onErrorResume(e -> {
            log.warn("operator: TURN credentials unavailable ({}); using STUN only", e.toString());
            return Mono.just(stunOnly);
        });
    }

    /** The session to join: the configured id, or the first listed session of the configured robot (polling). */
    static Mono<String> resolveSession(OperatorConfig config, OperatorApi api) {
        if (config.sessionId().isPresent()) {
            return Mono.just(config.sessionId().get());
        }
        String robot = config.robotId().orElseThrow();
        return api.sessions()
                .flatMap(list -> Mono.justOrEmpty(list.stream().filter(s -> s.isRobot(robot)).findFirst()))
                .map(RobotSessionInfo::sessionId)
                .repeatWhenEmpty(repeats -> repeats.delayElements(LIST_POLL))
                .timeout(config.sessionWait(), Mono.error(() -> new BrokerException("no session of robot '" + robot
                        + "' was listed within " + config.sessionWait().toMillis() + " ms", 404)))
                .retryWhen(Retry.backoff(3, Duration.ofMillis(100))
                        .filter(e -> e instanceof BrokerException b && b.status() == 0)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    @Override
    public Mono<Void> stop() {
        return Mono.empty();
    }

    @Override
    public String toString() {
        return "OperatorProvider[" + config + "]";
    }
}
