package io.teleflux.broker;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.broker.server.RobotKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;

/**
 * Uses the broker the way an application does (an embedded broker, a robot with video, an operator), then returns
 * from {@code main}: run in a child JVM by {@link BrokerJvmExitTest}, which checks that the JVM exits by itself.
 */
public final class BrokerExitProbe {

    private BrokerExitProbe() {
    }

    public static void main(String[] args) {
        Duration timeout = Duration.ofSeconds(15);
        try (BrokerFixture broker = BrokerFixture.start()) {
            RobotKey key = broker.robotKey("exit@example.org");
            Session robot = Teleflux.robot(broker.robot(key).withVideo(true)).connect().block(timeout);
            Session operator = Teleflux.operator(broker.operator(key, "exit@example.org")).connect().block(timeout);
            try {
                BrokerSessions.operatorPresence(robot).filter(p -> p).blockFirst(timeout);
                CompletableFuture<byte[]> got = robot.receive(Channels.STATE_RELIABLE).next().toFuture();
                operator.send(Channels.STATE_RELIABLE, Flux.just(new byte[] {42})).block(timeout);
                System.out.println("exit-probe: exchanged " + got.get(timeout.toSeconds(), TimeUnit.SECONDS)[0]);
            } catch (Exception e) {
                System.out.println("exit-probe: failed: " + e);
            } finally {
                operator.disposeNow(timeout);
                robot.disposeNow(timeout);
            }
        }
    }
}
