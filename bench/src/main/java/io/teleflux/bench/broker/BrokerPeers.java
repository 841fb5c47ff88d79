package io.teleflux.bench.broker;

import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.broker.BrokerConfig;
import io.teleflux.broker.BrokerSessions;
import io.teleflux.broker.OperatorConfig;
import java.time.Duration;

/**
 * Robots and operators of the broker under test, with the defaults a deployment gets (robot heartbeat 1 s, operator
 * heartbeat 5 s), video off and no STUN server (everything is on this machine).
 */
final class BrokerPeers {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private BrokerPeers() {
    }

    static Session robot(ChildBroker broker, ChildBroker.Robot robot) {
        BrokerConfig config = BrokerConfig.of(robot.apiKey()).withBrokerUrl(broker.url()).withRobotId(robot.id())
                .withRobotName(robot.id()).withVideo(false).withStunUrl(null);
        return Teleflux.robot(config).connect().block(TIMEOUT);
    }

    static OperatorConfig operator(ChildBroker broker, ChildBroker.Robot robot) {
        return OperatorConfig.robot(broker.url(), broker.operatorToken(), robot.id()).withVideo(false)
                .withStunUrl(null);
    }

    /** Blocks until the robot has (or no longer has) an operator with every bridged channel open. */
    static void awaitOperator(Session robot, boolean present) {
        BrokerSessions.operatorPresence(robot).filter(p -> p == present).blockFirst(TIMEOUT);
    }
}
