package io.teleflux.samples.go2;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.broker.BrokerConfig;
import io.teleflux.broker.server.BrokerOptions;
import io.teleflux.broker.server.BrokerServer;
import io.teleflux.broker.server.RobotKey;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * The one-command demo, assembled in this JVM: the embedded {@link BrokerServer} (REST API, WebRTC relay, operator
 * page), a fresh development robot key and operator token, and the simulated {@link Go2Robot} registered with it
 * through the broker provider ({@link BrokerConfig}), exactly as a robot elsewhere would be. {@link #close()} stops the
 * robot, deletes its broker session and stops the broker; idempotent.
 */
final class Demo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Demo.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The operator identity of the demo's token and the owner of its robot key. */
    static final String OWNER = "operator@localhost";
    /** The robot's id on the broker (namespaced by the broker as {@code <owner>:go2}). */
    static final String ROBOT_ID = "go2";

    private final BrokerServer broker;
    private final RobotKey key;
    private final String token;
    private final Go2Robot robot;
    private final Session session;
    private final Disposable running;
    private boolean closed;

    private Demo(BrokerServer broker, RobotKey key, String token, Go2Robot robot, Session session,
                 Disposable running) {
        this.broker = broker;
        this.key = key;
        this.token = token;
        this.robot = robot;
        this.session = session;
        this.running = running;
    }

    /**
     * Starts the broker on {@code host:port} (port 0: any free port), creates a {@code dtk_dev_} robot key and a fresh
     * random operator token, connects the robot and starts it. Blocks up to 30 s per step; on a failure everything
     * started so far is stopped again.
     *
     * @throws RuntimeException when the broker cannot bind (the port is taken) or the robot cannot connect
     */
    static Demo start(String host, int port, Go2Options options) {
        Objects.requireNonNull(options, "options");
        String token = "dev-" + HexFormat.of().formatHex(randomBytes(16));
        BrokerServer broker = BrokerServer.start(BrokerOptions.defaults()
                        .withHost(host)
                        .withPort(port)
                        .withDev(true)
                        .withDevToken(token, OWNER))
                .block(START_TIMEOUT);
        Session session = null;
        try {
            RobotKey key = broker.createRobotKey(OWNER, "demo go2", ROBOT_ID).block(START_TIMEOUT);
            BrokerConfig config = BrokerConfig.of(key.apiKey())
                    .withBrokerUrl(broker.baseUri())
                    .withRobotId(ROBOT_ID)
                    .withRobotName("go2 (simulated)")
                    .withRobotType("go2")
                    .withStunUrl(null)                         // everything is local: host candidates only
                    .withHeartbeat(Duration.ofMillis(250))     // a join opens the channels within a quarter second
                    .withVideo(options.camera());
            session = Teleflux.robot(config).channels(Channels.STANDARD).connectNow(START_TIMEOUT);
            // the broker provider answers pings inline, so the robot does not
            Go2Robot robot = Go2Robot.create(options.withAnswerPings(false));
            Disposable running = robot.run(session)
                    .subscribe(null, e -> log.error("the simulated robot stopped with an error", e));
            return new Demo(broker, key, token, robot, session, running);
        } catch (RuntimeException e) {
            if (session != null) {
                session.disposeNow(CLOSE_TIMEOUT);
            }
            broker.disposeNow();
            throw e;
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The operator page: {@code http://<host>:<port>/}. */
    URI operatorUrl() {
        return broker.baseUri().resolve("/");
    }

    /** The operator token (a static development bearer token, valid while the demo runs). */
    String token() {
        return token;
    }

    /** The robot's {@code dtk_dev_} API key. */
    RobotKey key() {
        return key;
    }

    /** The embedded broker. */
    BrokerServer broker() {
        return broker;
    }

    /** The simulated robot. */
    Go2Robot robot() {
        return robot;
    }

    /** The robot's broker session. */
    Session session() {
        return session;
    }

    /** Stops the robot, closes its session (deleting it on the broker) and stops the broker. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        running.dispose();
        try {
            session.disposeNow(CLOSE_TIMEOUT);
        } finally {
            broker.disposeNow();
        }
    }
}
