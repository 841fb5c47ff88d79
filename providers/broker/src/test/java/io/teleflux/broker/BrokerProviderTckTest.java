package io.teleflux.broker;

import io.teleflux.broker.server.RobotKey;
import io.teleflux.tck.ProviderTck;
import io.teleflux.webrtc.NetworkNamespace;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The provider TCK over the broker: robot = {@link BrokerConfig} (waiting for its operator, so that the robot's
 * channels are open when {@code connect()} emits), operator = {@link OperatorConfig}, both through an embedded broker
 * and its WebRTC relay. Every link is a fresh robot key. Every TCK test applies.
 */
@ExtendWith(NetworkNamespace.class)
class BrokerProviderTckTest extends ProviderTck {

    private static final String OWNER = "tck@example.org";
    private static BrokerFixture broker;

    @BeforeAll
    static void startBroker() {
        broker = BrokerFixture.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected Link newLink() {
        RobotKey key = broker.robotKey(OWNER);
        return new Link(broker.robot(key).withAwaitOperator(true), broker.operator(key, OWNER));
    }

    @Override
    protected Duration timeout() {
        return Duration.ofSeconds(20);
    }
}
