package io.teleflux.broker;

import io.teleflux.spi.Provider;
import io.teleflux.spi.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator side of the hosted-teleop broker, as a provider: {@code Teleflux.operator(config).connect()} joins one
 * robot session (by session id, or the first listed session of a robot id, waiting for it to appear), brings up the
 * peer connection, asks the broker to bridge the channels, opens them, accepts the robot's video and keeps the
 * operator alive with an op-heartbeat. Closing leaves the session. Usually obtained from
 * {@link OperatorClient#config(String)}.
 *
 * <p>Immutable; each {@code with…} returns a copy and rejects bad values at once. {@link #toString()} hides the token.
 */
public final class OperatorConfig implements ProviderConfig {

    private final URI brokerUrl;
    private final String bearerToken;
    private final String sessionId;
    private final String robotId;
    private final Duration heartbeat;
    private final boolean video;
    private final Duration sessionWait;
    private final Duration requestTimeout;
    private final String stunUrl;

    private OperatorConfig(URI brokerUrl, String bearerToken, String sessionId, String robotId, Duration heartbeat,
                           boolean video, Duration sessionWait, Duration requestTimeout, String stunUrl) {
        this.brokerUrl = brokerUrl;
        this.bearerToken = bearerToken;
        this.sessionId = sessionId;
        this.robotId = robotId;
        this.heartbeat = heartbeat;
        this.video = video;
        this.sessionWait = sessionWait;
        this.requestTimeout = requestTimeout;
        this.stunUrl = stunUrl;
    }

    /**
     * Joins the session {@code sessionId} on {@code brokerUrl} with the operator's bearer token. Defaults:
     * op-heartbeat every 5 s, video on, 30 s session wait and request timeout, STUN fallback
     * {@link BrokerConfig#DEFAULT_STUN_URL}.
     */
    public static OperatorConfig session(URI brokerUrl, String bearerToken, String sessionId) {
        requireText(sessionId, "sessionId");
        return new OperatorConfig(url(brokerUrl), token(bearerToken), sessionId, null, Duration.ofSeconds(5), true,
                Duration.ofSeconds(30), Duration.ofSeconds(30), BrokerConfig.DEFAULT_STUN_URL);
    }

    /**
     * Joins the first listed session of the robot {@code robotId} (as registered, or as the broker namespaces it,
     * {@code "<owner>:<robotId>"}), polling the list until it appears or {@link #sessionWait()} passes. Defaults as
     * {@link #session}.
     */
    public static OperatorConfig robot(URI brokerUrl, String bearerToken, String robotId) {
        requireText(robotId, "robotId");
        return new OperatorConfig(url(brokerUrl), token(bearerToken), null, robotId, Duration.ofSeconds(5), true,
                Duration.ofSeconds(30), Duration.ofSeconds(30), BrokerConfig.DEFAULT_STUN_URL);
    }

    /**
     * A copy with another op-heartbeat period; the broker evicts an operator that is silent for 20 s. Default 5 s.
     *
     * @param heartbeat 10 ms to 15 s
     */
    public OperatorConfig withHeartbeat(Duration heartbeat) {
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.compareTo(Duration.ofMillis(10)) < 0 || heartbeat.compareTo(Duration.ofSeconds(15)) > 0) {
            throw new IllegalArgumentException("heartbeat must be between 10 ms and 15 s, was " + heartbeat);
        }
        return new OperatorConfig(brokerUrl, bearerToken, sessionId, robotId, heartbeat, video, sessionWait,
                requestTimeout, stunUrl);
    }

    /** A copy that accepts the robot's video offer (default) or ignores it. */
    public OperatorConfig withVideo(boolean video) {
        return new OperatorConfig(brokerUrl, bearerToken, sessionId, robotId, heartbeat, video, sessionWait,
                requestTimeout, stunUrl);
    }

    /**
     * A copy that waits at most {@code sessionWait} for the robot's session to be listed ({@link #robot} only).
     * Default 30 s.
     */
    public OperatorConfig withSessionWait(Duration sessionWait) {
        Objects.requireNonNull(sessionWait, "sessionWait");
        if (sessionWait.isNegative()) {
            throw new IllegalArgumentException("sessionWait must not be negative, was " + sessionWait);
        }
        return new OperatorConfig(brokerUrl, bearerToken, sessionId, robotId, heartbeat, video, sessionWait,
                requestTimeout, stunUrl);
    }

    /**
     * A copy with another per-request timeout. Default 30 s.
     *
     * @param requestTimeout 100 ms to 5 min
     */
    public OperatorConfig withRequestTimeout(Duration requestTimeout) {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.compareTo(Duration.ofMillis(100)) < 0 || requestTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("requestTimeout must be between 100 ms and 5 min, was " + requestTimeout);
        }
        return new OperatorConfig(brokerUrl, bearerToken, sessionId, robotId, heartbeat, video, sessionWait,
                requestTimeout, stunUrl);
    }

    /** A copy with another STUN fallback, used when the broker hands out no ICE servers; null or blank for none.
     * Default {@link BrokerConfig#DEFAULT_STUN_URL}. */
    public OperatorConfig withStunUrl(String stunUrl) {
        if (stunUrl != null && stunUrl.isBlank()) {
            stunUrl = null;
        }
        if (stunUrl != null && !stunUrl.startsWith("stun:") && !stunUrl.startsWith("turn:")
                && !stunUrl.startsWith("turns:")) {
            throw new IllegalArgumentException("stunUrl must start with stun:, turn: or turns:, was '" + stunUrl + "'");
        }
        return new OperatorConfig(brokerUrl, bearerToken, sessionId, robotId, heartbeat, video, sessionWait,
                requestTimeout, stunUrl);
    }

    public URI brokerUrl() {
        return brokerUrl;
    }

    /** The session to join, when given by id. */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /** The robot whose session to join, when given by robot id. */
    public Optional<String> robotId() {
        return Optional.ofNullable(robotId);
    }

    /** The op-heartbeat period. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** Whether the robot's video is accepted. */
    public boolean video() {
        return video;
    }

    /** How long to wait for the robot's session to be listed. */
    public Duration sessionWait() {
        return sessionWait;
    }

    /** The per-request timeout. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The STUN fallback, empty for none. */
    public Optional<String> stunUrl() {
        return Optional.ofNullable(stunUrl);
    }

    String bearerToken() {
        return bearerToken;
    }

    @Override
    public Provider createProvider() {
        return new OperatorProvider(this);
    }

    @Override
    public String kind() {
        return "broker-operator";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OperatorConfig c && c.brokerUrl.equals(brokerUrl) && c.bearerToken.equals(bearerToken)
                && Objects.equals(c.sessionId, sessionId) && Objects.equals(c.robotId, robotId)
                && c.heartbeat.equals(heartbeat) && c.video == video && c.sessionWait.equals(sessionWait)
                && c.requestTimeout.equals(requestTimeout) && Objects.equals(c.stunUrl, stunUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(brokerUrl, bearerToken, sessionId, robotId, heartbeat, video, sessionWait, requestTimeout,
                stunUrl);
    }

    @Override
    public String toString() {
        return "OperatorConfig[" + brokerUrl + ", " + (sessionId != null ? "session " + sessionId : "robot " + robotId)
                + ", token hidden, heartbeat " + heartbeat + (video ? ", video" : ", no video") + "]";
    }

    static URI url(URI brokerUrl) {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        String scheme = brokerUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || brokerUrl.getHost() == null) {
            throw new IllegalArgumentException("brokerUrl must be an absolute http(s) URL, was " + brokerUrl);
        }
        return brokerUrl;
    }

    static String token(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new IllegalArgumentException("an operator needs a bearer token (the broker's ID token)");
        }
        return bearerToken.strip();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
