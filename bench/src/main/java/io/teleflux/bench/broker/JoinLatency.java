package io.teleflux.bench.broker;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.bench.harness.ProgressBar;
import io.teleflux.broker.BrokerSessions;
import io.teleflux.codecs.lcm.TwistStamped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Operator join to first command delivered at the robot: a robot session stays up; each round an operator joins
 * ({@code Teleflux.operator(...).connect()}: join, bridge, ICE, channels open at the operator), starts driving at
 * 80 Hz right away, and the clock stops when the robot's subscriber gets the first command. Also recorded: when the
 * operator's connect completed and when the robot saw the operator (its heartbeat ack carried the channel ids and
 * it opened them). The operator then leaves and the robot sees it gone before the next round, which starts after a
 * random pause of up to a second so that joins fall at any phase of the robot's 1 s heartbeat.
 */
final class JoinLatency {

    /** The three milestones of all rounds, each measured from the start of the join. */
    record Result(Latencies operatorConnected, Latencies robotSawOperator, Latencies firstCommand) {
    }

    private JoinLatency() {
    }

    static Result measure(ChildBroker broker, int rounds, ProgressBar progress)
            throws InterruptedException, ExecutionException, TimeoutException {
        ChildBroker.Robot key = broker.robots().get(0);
        Session robot = BrokerPeers.robot(broker, key);
        Result result = new Result(new Latencies(), new Latencies(), new Latencies());
        try {
            for (int round = 1; round <= rounds; round++) {
                CompletableFuture<Long> firstCommandAt = robot.receive(Channels.CMD_UNRELIABLE, TwistStamped.TYPE)
                        .next().map(c -> System.nanoTime()).toFuture();
                CompletableFuture<Long> presenceAt = BrokerSessions.operatorPresence(robot).filter(p -> p).next()
                        .map(p -> System.nanoTime()).toFuture();
                // start at a random phase of the robot's heartbeat, as a real operator would
                Mono.delay(Duration.ofMillis(ThreadLocalRandom.current().nextLong(1000))).block();
                long start = System.nanoTime();
                Session operator = Teleflux.operator(BrokerPeers.operator(broker, key)).connect()
                        .block(BrokerPeers.TIMEOUT);
                long connected = System.nanoTime();
                Disposable driving = Commands.drive(operator, Commands.at80Hz(Long.MAX_VALUE));
                long first = firstCommandAt.get(BrokerPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                long sawOperator = presenceAt.get(BrokerPeers.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                result.operatorConnected.add(connected - start);
                result.robotSawOperator.add(sawOperator - start);
                result.firstCommand.add(first - start);
                driving.dispose();
                operator.disposeLater().block(BrokerPeers.TIMEOUT);
                BrokerPeers.awaitOperator(robot, false);
                progress.step(String.format(Locale.ROOT, "join %d/%d: first command after %.0f ms", round, rounds,
                        (first - start) / 1e6));
            }
        } finally {
            robot.disposeLater().block(BrokerPeers.TIMEOUT);
        }
        return result;
    }
}
