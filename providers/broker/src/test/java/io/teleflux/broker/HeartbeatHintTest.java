package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.broker.server.RobotKey;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.webrtc.NetworkNamespace;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The embedded broker hints the robot over its placeholder channel whenever the robot's channel ids change, and the
 * robot heartbeats at once: with a 10 s heartbeat, the robot still opens the operator's channels and reports the
 * operator gone within a few seconds, which its own cadence cannot do.
 */
@ExtendWith(NetworkNamespace.class)
class HeartbeatHintTest {

    private static final Duration SLOW_HEARTBEAT = Duration.ofSeconds(10);
    /** Well under the heartbeat: only a hinted heartbeat can beat it. */
    private static final Duration WELL_BEFORE_THE_NEXT_TICK = Duration.ofSeconds(5);
    private static final String ALICE = "alice@example.org";

    @Test
    void theRobotLearnsOfJoinAndLeaveWithoutWaitingForItsHeartbeat() {
        try (BrokerFixture broker = BrokerFixture.start()) {
            RobotKey key = broker.robotKey(ALICE);
            Session robot = Teleflux.robot(broker.robot(key).withHeartbeat(SLOW_HEARTBEAT)).connect()
                    .block(BrokerFixture.TIMEOUT);
            try {
                // the robot's first heartbeat went out when it connected; the next is 10 s away
                Flux<ControlMessage> lost = robot.receive(Channels.STATE_RELIABLE, ControlMessages.TYPE)
                        .filter(ControlMessage.OperatorLost.class::isInstance);
                Session operator = Teleflux.operator(broker.operator(key, ALICE)).connect()
                        .block(BrokerFixture.TIMEOUT);
                StepVerifier.create(BrokerSessions.operatorPresence(robot).filter(p -> p).take(1))
                        .expectNext(true)
                        .expectComplete()
                        .verify(WELL_BEFORE_THE_NEXT_TICK);

                StepVerifier.create(lost.take(1))
                        .then(() -> operator.disposeLater().subscribe())
                        .assertNext(m -> assertThat(m).isInstanceOf(ControlMessage.OperatorLost.class))
                        .expectComplete()
                        .verify(WELL_BEFORE_THE_NEXT_TICK);
            } finally {
                robot.disposeLater().block(BrokerFixture.TIMEOUT);
            }
        }
    }
}
