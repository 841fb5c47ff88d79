package io.teleflux.broker.server;

import io.teleflux.webrtc.IceServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a {@link BrokerServer} runs. Immutable: every {@code withX} returns a copy and rejects a bad value at once, with
 * the value in the message. Start from {@link #defaults()}.
 *
 * <p>The timeouts default to the hosted-teleop broker's values: a robot without a heartbeat for 30 s is reaped (its
 * session becomes {@code disconnected}), an operator without an op-heartbeat for 20 s is evicted, and the reaper looks
 * every 10 s.
 */
public final class BrokerOptions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String host;
    private final int port;
    private final Path dataDir;
    private final byte[] jwtSecret;
    private final Map<String, String> devTokens;
    private final List<String> admins;
    private final List<IceServer> iceServers;
    private final Duration robotHeartbeatTimeout;
    private final Duration operatorHeartbeatTimeout;
    private final Duration reaperInterval;
    private final Duration iceGatheringTimeout;
    private final boolean dev;
    private final boolean enforceRateLimits;
    private final Clock clock;

    /** The mutable working copy behind each {@code withX}. */
    private static final class Values {
        String host;
        int port;
        Path dataDir;
        byte[] jwtSecret;
        Map<String, String> devTokens;
        List<String> admins;
        List<IceServer> iceServers;
        Duration robotHeartbeatTimeout;
        Duration operatorHeartbeatTimeout;
        Duration reaperInterval;
        Duration iceGatheringTimeout;
        boolean dev;
        boolean enforceRateLimits;
        Clock clock;
    }

    private BrokerOptions(Values v) {
        this.host = v.host;
        this.port = v.port;
        this.dataDir = v.dataDir;
        this.jwtSecret = v.jwtSecret;
        this.devTokens = v.devTokens;
        this.admins = v.admins;
        this.iceServers = v.iceServers;
        this.robotHeartbeatTimeout = v.robotHeartbeatTimeout;
        this.operatorHeartbeatTimeout = v.operatorHeartbeatTimeout;
        this.reaperInterval = v.reaperInterval;
        this.iceGatheringTimeout = v.iceGatheringTimeout;
        this.dev = v.dev;
        this.enforceRateLimits = v.enforceRateLimits;
        this.clock = v.clock;
    }

    private BrokerOptions with(Consumer<Values> change) {
        Values v = new Values();
        v.host = host;
        v.port = port;
        v.dataDir = dataDir;
        v.jwtSecret = jwtSecret;
        v.devTokens = devTokens;
        v.admins = admins;
        v.iceServers = iceServers;
        v.robotHeartbeatTimeout = robotHeartbeatTimeout;
        v.operatorHeartbeatTimeout = operatorHeartbeatTimeout;
        v.reaperInterval = reaperInterval;
        v.iceGatheringTimeout = iceGatheringTimeout;
        v.dev = dev;
        v.enforceRateLimits = enforceRateLimits;
        v.clock = clock;
        change.accept(v);
        return new BrokerOptions(v);
    }

    /**
     * The defaults: host {@code 127.0.0.1}, port 8080, no data directory (keys in memory only), a random 256-bit JWT
     * secret (so tokens do not survive a restart), no dev tokens, no admins, no ICE servers (the relay is reached on its
     * host candidates), robot timeout 30 s, operator timeout 20 s, reaper interval 10 s, ICE gathering timeout 10 s,
     * production mode, passive rate limits, the system UTC clock.
     */
    public static BrokerOptions defaults() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        Values v = new Values();
        v.host = "127.0.0.1";
        v.port = 8080;
        v.jwtSecret = secret;
        v.devTokens = Map.of();
        v.admins = List.of();
        v.iceServers = List.of();
        v.robotHeartbeatTimeout = Duration.ofSeconds(30);
        v.operatorHeartbeatTimeout = Duration.ofSeconds(20);
        v.reaperInterval = Duration.ofSeconds(10);
        v.iceGatheringTimeout = Duration.ofSeconds(10);
        v.clock = Clock.systemUTC();
        return new BrokerOptions(v);
    }

    /** The address to bind. Default {@code 127.0.0.1}; {@code 0.0.0.0} serves every interface. */
    public BrokerOptions withHost(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        return with(v -> v.host = host);
    }

    /** The TCP port, 0 for an ephemeral one (read it with {@link BrokerServer#port()}). Default 8080. */
    public BrokerOptions withPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, was " + port);
        }
        return with(v -> v.port = port);
    }

    /**
     * The directory holding {@code broker.db} (SQLite, the robot API keys), created if missing. Default: none, and the
     * keys live in memory until the server stops. Sessions are always in memory.
     */
    public BrokerOptions withDataDir(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        return with(v -> v.dataDir = dataDir);
    }

    /**
     * The HS256 secret that operator bearer tokens (JWT, {@code sub} = the operator's email, {@code exp} required)
     * are signed with; at least 32 bytes. Default: 32 random bytes chosen by {@link #defaults()}.
     */
    public BrokerOptions withJwtSecret(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 32) {
            throw new IllegalArgumentException("the JWT secret needs at least 32 bytes, had " + secret.length);
        }
        return with(v -> v.jwtSecret = secret.clone());
    }

    /**
     * Adds a static operator bearer token that authenticates as {@code email} and never expires; for development and
     * tests. Default: none.
     */
    public BrokerOptions withDevToken(String token, String email) {
        Objects.requireNonNull(token, "token");
        requireEmail(email);
        if (token.length() < 8) {
            throw new IllegalArgumentException("a dev token needs at least 8 characters, was '" + token + "'");
        }
        Map<String, String> tokens = new LinkedHashMap<>(devTokens);
        tokens.put(token, email);
        return with(v -> v.devTokens = Map.copyOf(tokens));
    }

    /** Adds an operator who has role {@code admin}: sees every owner's sessions and may act as their owner. */
    public BrokerOptions withAdmin(String email) {
        requireEmail(email);
        List<String> list = new java.util.ArrayList<>(admins);
        list.add(email);
        return with(v -> v.admins = List.copyOf(list));
    }

    /**
     * The STUN/TURN servers handed to robots and operators (registration, join and {@code turn-credentials}) and used
     * by the relay's own peer connections. Default: none.
     */
    public BrokerOptions withIceServers(List<IceServer> iceServers) {
        Objects.requireNonNull(iceServers, "iceServers");
        return with(v -> v.iceServers = List.copyOf(iceServers));
    }

    /** How long a robot may go without a heartbeat before it is reaped. Default 30 s. */
    public BrokerOptions withRobotHeartbeatTimeout(Duration timeout) {
        return with(v -> v.robotHeartbeatTimeout = positive(timeout, "robotHeartbeatTimeout"));
    }

    /** How long an operator may go without an op-heartbeat before it is evicted. Default 20 s. */
    public BrokerOptions withOperatorHeartbeatTimeout(Duration timeout) {
        return with(v -> v.operatorHeartbeatTimeout = positive(timeout, "operatorHeartbeatTimeout"));
    }

    /** How often the reaper looks for silent robots and operators. Default 10 s. */
    public BrokerOptions withReaperInterval(Duration interval) {
        return with(v -> v.reaperInterval = positive(interval, "reaperInterval"));
    }

    /** The longest the relay waits for its ICE gathering before it answers with what it has. Default 10 s. */
    public BrokerOptions withIceGatheringTimeout(Duration timeout) {
        return with(v -> v.iceGatheringTimeout = positive(timeout, "iceGatheringTimeout"));
    }

    /**
     * Development mode: {@code /health} reports environment {@code dev} and new robot keys start with
     * {@code dtk_dev_} instead of {@code dtk_live_}. Default false.
     */
    public BrokerOptions withDev(boolean dev) {
        return with(v -> v.dev = dev);
    }

    /**
     * Whether rate limits refuse requests: per caller, registering and joining may burst 12 and refill 12 per minute,
     * TURN credentials 6 per minute, key writes 10 per minute. Enforced, a request over its budget is a 429 with
     * {@code Retry-After}; passive, it is only logged. Default false (passive), as in the hosted broker.
     */
    public BrokerOptions withRateLimitsEnforced(boolean enforce) {
        return with(v -> v.enforceRateLimits = enforce);
    }

    /**
     * The clock for heartbeat ages, token expiry and timestamps; tests inject a movable one. Default
     * {@link Clock#systemUTC()}.
     */
    public BrokerOptions withClock(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return with(v -> v.clock = clock);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The data directory, empty when keys are kept in memory. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /** A copy of the JWT secret. */
    public byte[] jwtSecret() {
        return jwtSecret.clone();
    }

    /** Static operator tokens, token → email. */
    public Map<String, String> devTokens() {
        return devTokens;
    }

    public List<String> admins() {
        return admins;
    }

    public List<IceServer> iceServers() {
        return iceServers;
    }

    public Duration robotHeartbeatTimeout() {
        return robotHeartbeatTimeout;
    }

    public Duration operatorHeartbeatTimeout() {
        return operatorHeartbeatTimeout;
    }

    public Duration reaperInterval() {
        return reaperInterval;
    }

    public Duration iceGatheringTimeout() {
        return iceGatheringTimeout;
    }

    public boolean dev() {
        return dev;
    }

    public boolean rateLimitsEnforced() {
        return enforceRateLimits;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "BrokerOptions{host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", devTokens="
                + devTokens.size() + ", admins=" + admins + ", iceServers=" + iceServers + ", robotHeartbeatTimeout="
                + robotHeartbeatTimeout + ", operatorHeartbeatTimeout=" + operatorHeartbeatTimeout
                + ", reaperInterval=" + reaperInterval + ", iceGatheringTimeout=" + iceGatheringTimeout + ", dev="
                + dev + ", rateLimitsEnforced=" + enforceRateLimits + ", jwtSecret=(" + jwtSecret.length
                + " bytes, hidden)}";
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }

    private static void requireEmail(String email) {
        Objects.requireNonNull(email, "email");
        if (email.isBlank()) {
            throw new IllegalArgumentException("email must not be blank");
        }
    }
}
