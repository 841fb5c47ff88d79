package io.teleflux.bench.broker;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.bench.harness.ProgressBar;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.webrtc.InProcessSignaling;
import io.teleflux.webrtc.Signaling;
import io.teleflux.webrtc.WebRtcConfig;
import java.util.Locale;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * One-way latency of drive commands (80 Hz {@code TwistStamped} on {@code cmd_unreliable}) from an operator session to
 * a robot session in this JVM, two ways: a direct webrtc-java peer connection, and through the broker's relay (robot
 * and operator each connected to the broker JVM). Rounds alternate between the two so both see the same machine
 * load; the first second of each round is a warm-up and not counted.
 */
final class RelayOverhead {

    /** Samples per path, and commands lost on each (unreliable channel). */
    record Result(Latencies direct, Latencies relay, long directLost, long relayLost) {
    }

    private static final int WARM_UP = 80;

    private RelayOverhead() {
    }

    static Result measure(ChildBroker broker, int commandsPerRound, int rounds, ProgressBar progress) {
        Latencies direct = new Latencies();
        Latencies relay = new Latencies();
        long[] lost = new long[2];
        ChildBroker.Robot key = broker.robots().get(0);
        for (int round = 1; round <= rounds; round++) {
            InProcessSignaling signaling = Signaling.inProcess("relay-overhead-" + round);
            Session[] pair = Mono.zip(Teleflux.robot(WebRtcConfig.of(signaling.robot())).connect(),
                    Teleflux.operator(WebRtcConfig.of(signaling.operator())).connect())
                    .map(t -> new Session[] {t.getT1(), t.getT2()}).block(BrokerPeers.TIMEOUT);
            lost[0] += commandsPerRound - drive(pair[0], pair[1], commandsPerRound, direct);
            pair[1].disposeLater().then(pair[0].disposeLater()).block(BrokerPeers.TIMEOUT);
            progress.step(String.format(Locale.ROOT, "direct round %d/%d: p50 %.2f ms", round, rounds,
                    direct.percentileMillis(50)));

            Session robot = BrokerPeers.robot(broker, key);
            Session operator = Teleflux.operator(BrokerPeers.operator(broker, key)).connect()
                    .block(BrokerPeers.TIMEOUT);
            BrokerPeers.awaitOperator(robot, true);
            lost[1] += commandsPerRound - drive(robot, operator, commandsPerRound, relay);
            operator.disposeLater().block(BrokerPeers.TIMEOUT);
            robot.disposeLater().block(BrokerPeers.TIMEOUT);
            progress.step(String.format(Locale.ROOT, "relay round %d/%d: p50 %.2f ms", round, rounds,
                    relay.percentileMillis(50)));
        }
        return new Result(direct, relay, lost[0], lost[1]);
    }

    /**
     * Drives {@code WARM_UP + count} commands and records the age of each counted one at the robot. Returns how many
     * counted commands arrived; waits for stragglers up to one second after the last was sent.
     */
    private static long drive(Session robot, Session operator, int count, Latencies into) {
        Latencies round = new Latencies();
        Mono<Long> arrived = robot.receive(Channels.CMD_UNRELIABLE, TwistStamped.TYPE)
                .doOnNext(c -> {
                    long age = Commands.ageNanos(c);
                    if (c.header().seq() >= WARM_UP) {
                        round.add(age);
                    }
                })
                .filter(c -> c.header().seq() >= WARM_UP)
                .take(count)
                .take(Commands.PERIOD_80_HZ.multipliedBy(WARM_UP + count).plusSeconds(1))
                .count()
                .cache();
        arrived.subscribe();
        Disposable driving = Commands.drive(operator, Commands.at80Hz(WARM_UP + count));
        long n = arrived.block(BrokerPeers.TIMEOUT.plus(Commands.PERIOD_80_HZ.multipliedBy(WARM_UP + count)));
        driving.dispose();
        into.addAll(round);
        return n;
    }
}
