package io.teleflux.broker;

import io.teleflux.spi.Provider;
import io.teleflux.spi.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The robot side of the hosted-teleop broker: where to register, with which key, and how. Use it as
 * {@code Teleflux.robot(BrokerConfig.of(apiKey))}.
 *
 * <p>Connecting registers a session with the broker ({@code POST /api/v1/sessions} with {@code X-Robot-API-Key}),
 * brings up one peer connection to the broker's SFU, and then follows the broker's heartbeat acks: when an operator
 * joins, the bridged channels open; when it leaves they close and {@code state_reliable} subscribers receive
 * {@code {"type": "operator_lost"}}; a rejoin opens them again on fresh ids. While no operator is connected, payloads
 * sent on {@code state_reliable_back} and {@code map_unreliable} are dropped and counted
 * ({@link io.teleflux.ChannelStats#droppedOutbound()}), never failed. Pings on {@code state_reliable} are answered
 * inline on {@code state_reliable_back} and still delivered. Five consecutive 401/404 heartbeat replies end the session
 * with {@link BrokerSessionEndedException} on {@link io.teleflux.Session#states()}. Closing deletes the broker session
 * (best effort).
 *
 * <p>Immutable; each {@code with…} returns a copy and rejects bad values at once. Equal configs share one broker
 * session per JVM; {@link #robotType()} is metadata and not part of equality. {@link #toString()} hides the key.
 */
public final class BrokerConfig implements ProviderConfig {

    /** The default broker, {@code https://teleop.dimensionalos.com}. */
    public static final URI DEFAULT_BROKER_URL = URI.create("https://teleop.dimensionalos.com");
    /** The default STUN server, used when the broker hands out no TURN credentials. */
    public static final String DEFAULT_STUN_URL = "stun:stun.cloudflare.com:3478";

    private final URI brokerUrl;
    private final String apiKey;
    private final String robotId;
    private final String robotName;
    private final String robotType;
    private final String stunUrl;
    private final Duration heartbeat;
    private final boolean video;
    private final boolean awaitOperator;
    private final Duration requestTimeout;

    private BrokerConfig(URI brokerUrl, String apiKey, String robotId, String robotName, String robotType,
                         String stunUrl, Duration heartbeat, boolean video, boolean awaitOperator,
                         Duration requestTimeout) {
        this.brokerUrl = brokerUrl;
        this.apiKey = apiKey;
        this.robotId = robotId;
        this.robotName = robotName;
        this.robotType = robotType;
        this.stunUrl = stunUrl;
        this.heartbeat = heartbeat;
        this.video = video;
        this.awaitOperator = awaitOperator;
        this.requestTimeout = requestTimeout;
    }

    /**
     * A config for the robot whose broker API key is {@code apiKey} (sent as {@code X-Robot-API-Key}, for example
     * {@code dtk_live_…}), with every other option at its default.
     *
     * @throws IllegalArgumentException if {@code apiKey} is null or blank
     */
    public static BrokerConfig of(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("BrokerConfig needs the robot's broker API key (X-Robot-API-Key, "
                    + "for example dtk_live_…); create one with POST /api/v1/keys or in the teleop console");
        }
        return new BrokerConfig(DEFAULT_BROKER_URL, apiKey.strip(), null, "robot", null, DEFAULT_STUN_URL,
                Duration.ofSeconds(1), true, false, Duration.ofSeconds(30));
    }

    /** A copy with another broker base URL (the {@code /api/v1} routes are below it). Default {@link #DEFAULT_BROKER_URL}. */
    public BrokerConfig withBrokerUrl(URI brokerUrl) {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        String scheme = brokerUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || brokerUrl.getHost() == null) {
            throw new IllegalArgumentException("brokerUrl must be an absolute http(s) URL, was " + brokerUrl);
        }
        return new BrokerConfig(brokerUrl, apiKey, robotId, robotName, robotType, stunUrl, heartbeat, video,
                awaitOperator, requestTimeout);
    }

    /**
     * A copy that sends {@code robotId} when registering. Default: none; the broker derives the robot from the key.
     *
     * @param robotId null or blank for none
     */
    public BrokerConfig withRobotId(String robotId) {
        return new BrokerConfig(brokerUrl, apiKey, robotId == null || robotId.isBlank() ? null : robotId, robotName,
                robotType, stunUrl, heartbeat, video, awaitOperator, requestTimeout);
    }

    /** A copy with another display name. Default {@code "robot"}. */
    public BrokerConfig withRobotName(String robotName) {
        Objects.requireNonNull(robotName, "robotName");
        if (robotName.isBlank()) {
            throw new IllegalArgumentException("robotName must not be blank");
        }
        return new BrokerConfig(brokerUrl, apiKey, robotId, robotName, robotType, stunUrl, heartbeat, video,
                awaitOperator, requestTimeout);
    }

    /**
     * A copy that sends {@code robotType} (for example {@code "go2"}, {@code "arm"}) when registering. Default: none.
     * Not part of equality.
     *
     * @param robotType null or blank for none
     */
    public BrokerConfig withRobotType(String robotType) {
        return new BrokerConfig(brokerUrl, apiKey, robotId, robotName,
                robotType == null || robotType.isBlank() ? null : robotType, stunUrl, heartbeat, video, awaitOperator,
                requestTimeout);
    }

    /** A copy with another STUN fallback, used when the broker hands out no ICE servers; null or blank for none
     * (host candidates only, as on a private network). Default {@link #DEFAULT_STUN_URL}. */
    public BrokerConfig withStunUrl(String stunUrl) {
        if (stunUrl != null && stunUrl.isBlank()) {
            stunUrl = null;
        }
        if (stunUrl != null && !stunUrl.startsWith("stun:") && !stunUrl.startsWith("turn:")
                && !stunUrl.startsWith("turns:")) {
            throw new IllegalArgumentException("stunUrl must start with stun:, turn: or turns:, was '" + stunUrl + "'");
        }
        return new BrokerConfig(brokerUrl, apiKey, robotId, robotName, robotType, stunUrl, heartbeat, video,
                awaitOperator, requestTimeout);
    }

    /**
     * A copy with another heartbeat period; each heartbeat ack also tells the robot which channels to open. Default 1 s.
     *
     * @param heartbeat 10 ms to 10 s
     */
    public BrokerConfig withHeartbeat(Duration heartbeat) {
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.compareTo(Duration.ofMillis(10)) < 0 || heartbeat.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("heartbeat must be between 10 ms and 10 s, was " + heartbeat);
        }
        return new BrokerConfig(brokerUrl, apiKey, robotId, robotName, robotType, stunUrl, heartbeat, video,
                awaitOperator, requestTimeout);
    }

    /**
     * A copy with the video track on or off. With video on (the default) the offer carries a send-only video track
     * before any data channel, and {@link io.teleflux.Session#sendVideo} feeds it.
     */
    public BrokerConfig withVideo(boolean video) {
        return new BrokerConfig(brokerUrl, apiKey, robotId, robotName, robotType, stunUrl, heartbeat, video,
                awaitOperator, requestTimeout);
    }

    /**
     * A copy whose {@code connect()} emits only once an operator has joined and every declared channel is open,
     * instead of as soon as the broker session is up. Default false (a robot normally runs without an operator).
     */
    public BrokerConfig withAwaitOperator(boolean awaitOperator) {
        return new BrokerConfig(brokerUrl, apiKey, robotId, robotName, robotType, stunUrl, heartbeat, video,
                awaitOperator, requestTimeout);
    }

    /**
     * A copy with another per-request timeout for broker calls. Default 30 s.
     *
     * @param requestTimeout 100 ms to 5 min
     */
    public BrokerConfig withRequestTimeout(Duration requestTimeout) {
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.compareTo(Duration.ofMillis(100)) < 0 || requestTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("requestTimeout must be between 100 ms and 5 min, was " + requestTimeout);
        }
        return new BrokerConfig(brokerUrl, apiKey, robotId, robotName, robotType, stunUrl, heartbeat, video,
                awaitOperator, requestTimeout);
    }

    /** The broker base URL. */
    public URI brokerUrl() {
        return brokerUrl;
    }

    /** The robot's API key. */
    public String apiKey() {
        return apiKey;
    }

    /** The robot id sent when registering, if any. */
    public Optional<String> robotId() {
        return Optional.ofNullable(robotId);
    }

    /** The display name. */
    public String robotName() {
        return robotName;
    }

    /** The robot type sent when registering, if any. */
    public Optional<String> robotType() {
        return Optional.ofNullable(robotType);
    }

    /** The STUN fallback, empty for none. */
    public Optional<String> stunUrl() {
        return Optional.ofNullable(stunUrl);
    }

    /** The heartbeat period. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** Whether the session carries a video track. */
    public boolean video() {
        return video;
    }

    /** Whether {@code connect()} waits for an operator. */
    public boolean awaitOperator() {
        return awaitOperator;
    }

    /** The per-request timeout. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    @Override
    public Provider createProvider() {
        return new BrokerProvider(this);
    }

    @Override
    public String kind() {
        return "broker";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrokerConfig c && c.brokerUrl.equals(brokerUrl) && c.apiKey.equals(apiKey)
                && Objects.equals(c.robotId, robotId) && c.robotName.equals(robotName) && Objects.equals(c.stunUrl, stunUrl)
                && c.heartbeat.equals(heartbeat) && c.video == video && c.awaitOperator == awaitOperator
                && c.requestTimeout.equals(requestTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(brokerUrl, apiKey, robotId, robotName, stunUrl, heartbeat, video, awaitOperator,
                requestTimeout);
    }

    @Override
    public String toString() {
        return "BrokerConfig[" + brokerUrl + ", key " + keyPrefix(apiKey) + "…, robot "
                + (robotId == null ? "(from key)" : robotId) + " '" + robotName + "'"
                + (robotType == null ? "" : " type " + robotType) + ", heartbeat " + heartbeat
                + (video ? ", video" : ", no video") + (awaitOperator ? ", await operator" : "") + "]";
    }

    /** The first characters of a key, as the broker's {@code key_prefix} shows them. */
    static String keyPrefix(String key) {
        return key.substring(0, Math.min(key.length(), key.length() > 20 ? 14 : 4));
    }
}
