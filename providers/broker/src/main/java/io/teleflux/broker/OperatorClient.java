package io.teleflux.broker;

import io.teleflux.Session;
import io.teleflux.Teleflux;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * A Java operator of the hosted-teleop broker: who am I, which robots are online, and joining one as a
 * {@link Session} (typed channels, the robot's video as {@link Session#receiveVideo()}).
 * <pre>{@code
 * OperatorClient op = OperatorClient.login(URI.create("https://teleop.example.org"), idToken)
 *         .block(Duration.ofSeconds(10));
 * Session s = op.sessions().flatMap(list -> op.join(list.get(0).sessionId())).block(Duration.ofSeconds(30));
 * RobotClock clock = RobotClock.sync(s);   // stamp drive commands in the robot's clock
 * }</pre>
 * Immutable and thread-safe; it holds only the URL and the token.
 */
public final class OperatorClient {

    private final URI brokerUrl;
    private final String bearerToken;
    private final OperatorIdentity identity;
    private final OperatorApi api;

    private OperatorClient(URI brokerUrl, String bearerToken, OperatorIdentity identity) {
        this.brokerUrl = brokerUrl;
        this.bearerToken = bearerToken;
        this.identity = identity;
        this.api = new OperatorApi(brokerUrl, bearerToken, Duration.ofSeconds(30));
    }

    /**
     * Checks {@code bearerToken} with the broker ({@code GET /api/v1/auth/me}) and emits a client for it. Cold. Errors
     * with {@link BrokerException} ({@link BrokerException#isAuthFailure()} for a rejected token).
     */
    public static Mono<OperatorClient> login(URI brokerUrl, String bearerToken) {
        URI url = OperatorConfig.url(brokerUrl);
        String token = OperatorConfig.token(bearerToken);
        return Mono.defer(() -> new OperatorApi(url, token, Duration.ofSeconds(30)).me())
                .map(me -> new OperatorClient(url, token, me));
    }

    /** Who the broker says this operator is. */
    public OperatorIdentity identity() {
        return identity;
    }

    /** The robot sessions this operator may join (its own tenant's; all for admins). Cold. */
    public Mono<List<RobotSessionInfo>> sessions() {
        return api.sessions();
    }

    /**
     * The provider config that joins {@code sessionId}, for {@code Teleflux.operator(config).channel(...)} with
     * custom channels or options.
     */
    public OperatorConfig config(String sessionId) {
        return OperatorConfig.session(brokerUrl, bearerToken, sessionId);
    }

    /**
     * Joins {@code sessionId} with the four standard channels. Cold; emits once the channels are open. Errors with
     * {@link BrokerException}: 404 for a session that does not exist or belongs to another tenant, 409 when another
     * operator holds it.
     */
    public Mono<Session> join(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        return Teleflux.operator(config(sessionId)).connect();
    }

    @Override
    public String toString() {
        return "OperatorClient[" + brokerUrl + " as " + identity.subject() + "]";
    }
}
