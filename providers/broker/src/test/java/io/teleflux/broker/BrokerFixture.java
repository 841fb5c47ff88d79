package io.teleflux.broker;

import io.teleflux.broker.server.BrokerOptions;
import io.teleflux.broker.server.BrokerServer;
import io.teleflux.broker.server.RobotKey;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** An embedded broker for one test class, with helpers to mint robot keys and operator tokens. */
final class BrokerFixture implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final AtomicInteger ROBOTS = new AtomicInteger();

    final BrokerServer server;

    private BrokerFixture(BrokerServer server) {
        this.server = server;
    }

    static BrokerFixture start(BrokerOptions options) {
        return new BrokerFixture(BrokerServer.start(options.withPort(0)).block(TIMEOUT));
    }

    static BrokerFixture start() {
        return start(BrokerOptions.defaults());
    }

    URI url() {
        return server.baseUri();
    }

    /** A fresh robot id and key owned by {@code owner}. */
    RobotKey robotKey(String owner) {
        String robot = "robot-" + ROBOTS.incrementAndGet();
        return server.createRobotKey(owner, robot, robot).block(TIMEOUT);
    }

    /** A robot config for {@code key}, with a fast heartbeat and no video unless asked. */
    BrokerConfig robot(RobotKey key) {
        String robotId = key.robotId().substring(key.robotId().indexOf(':') + 1);
        return BrokerConfig.of(key.apiKey()).withBrokerUrl(url()).withRobotId(robotId).withRobotName(robotId)
                .withHeartbeat(Duration.ofMillis(100)).withVideo(false).withStunUrl(null)
                .withRequestTimeout(Duration.ofSeconds(10));
    }

    String token(String email) {
        return server.issueOperatorToken(email, Duration.ofHours(1));
    }

    /** The operator config that joins the session of {@code key}'s robot, as {@code email}. */
    OperatorConfig operator(RobotKey key, String email) {
        String robotId = key.robotId().substring(key.robotId().indexOf(':') + 1);
        return OperatorConfig.robot(url(), token(email), robotId).withVideo(false)
                .withStunUrl(null).withHeartbeat(Duration.ofMillis(200)).withSessionWait(Duration.ofSeconds(10))
                .withRequestTimeout(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
