package io.teleflux.samples.demo;

import io.teleflux.ChannelStats;
import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessage.Odom;
import io.teleflux.codecs.json.ControlMessage.Ping;
import io.teleflux.codecs.json.ControlMessage.Pong;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import io.teleflux.loopback.LoopbackConfig;
import java.time.Duration;
import java.util.Locale;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The embedded default demo: a simulated robot and an operator in one JVM, linked by the loopback provider. The
 * operator drives in a circle with {@code TwistStamped} commands on {@code cmd_unreliable} and pings the robot on
 * {@code state_reliable}; the robot integrates the commands into a pose, answers pings on
 * {@code state_reliable_back} and publishes odometry on {@code map_unreliable}. Both sides are plain Reactor
 * pipelines over the public API.
 */
public final class LoopbackDemo {

    private LoopbackDemo() {
    }

    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(DemoOptions.USAGE);
            return;
        }
        run(options);
    }

    static DemoReport run(DemoOptions options) {
        LoopbackConfig link = LoopbackConfig.named("demo");
        Duration timeout = Duration.ofSeconds(5);
        Session robotSession = Teleflux.robot(link).connectNow(timeout);
        Session operatorSession = Teleflux.operator(link).connectNow(timeout);
        SimulatedRobot robot = new SimulatedRobot();
        DemoOperator operator = new DemoOperator(options);

        Duration runFor = Duration.ofSeconds(options.seconds());
        Mono<Void> robotSide = robot.run(robotSession).take(runFor.plusMillis(200)).then();
        Mono<Void> operatorSide = operator.run(operatorSession, runFor);
        Mono.when(robotSide, operatorSide).block(runFor.plusSeconds(10));

        DemoReport report = new DemoReport(robot.pose(), operator.commandsSent(), robot.commandsApplied(),
                operator.odomReceived(), operator.pongs(), operator.bestRttMillis(),
                robotSession.stats(Channels.CMD_UNRELIABLE), operatorSession.stats(Channels.MAP_UNRELIABLE));
        robotSession.disposeNow(timeout);
        operatorSession.disposeNow(timeout);
        report.print();
        return report;
    }

    /** The robot: integrates commands, answers pings, publishes odometry at 15 Hz. */
    static final class SimulatedRobot {
        private final Kinematics body = new Kinematics();
        private volatile long applied;

        Flux<Void> run(Session s) {
            Mono<Void> drive = s.receive(Channels.CMD_UNRELIABLE, TwistStamped.TYPE)
                    .doOnNext(cmd -> {
                        body.command(cmd.twist().linear().x(), cmd.twist().angular().z());
                        applied++;
                    })
                    .then();
            // Pings are answered on the back channel: each channel flows one way only.
            Flux<ControlMessage> pongs = s.receive(Channels.STATE_RELIABLE, ControlMessages.TYPE)
                    .ofType(Ping.class)
                    .map(ping -> Pong.reply(ping, now()));
            Flux<ControlMessage> odometry = Flux.interval(Duration.ofMillis(1000 / 15))
                    .map(tick -> body.step(now()))
                    .map(p -> new Odom(p.x(), p.y(), p.yaw(), now()));
            return Flux.merge(drive,
                    s.send(Channels.STATE_RELIABLE_BACK, ControlMessages.TYPE, pongs),
                    s.send(Channels.MAP_UNRELIABLE, ControlMessages.TYPE, odometry));
        }

        Kinematics.Pose pose() {
            return body.pose();
        }

        long commandsApplied() {
            return applied;
        }
    }

    /** The operator: drives in a circle at the configured rate and pings once a second. */
    static final class DemoOperator {
        private final DemoOptions options;
        private volatile long sent;
        private volatile long odom;
        private volatile long pongs;
        private volatile double bestRtt = Double.NaN;

        DemoOperator(DemoOptions options) {
            this.options = options;
        }

        Mono<Void> run(Session s, Duration runFor) {
            Flux<TwistStamped> commands = Flux.interval(Duration.ofNanos(1_000_000_000L / options.rateHz()))
                    .take(runFor)
                    .map(seq -> {
                        sent++;
                        double t = now();
                        return TwistStamped.of(seq.intValue(), (int) t, (int) ((t % 1) * 1e9), "keyboard",
                                new Vector3(options.speed(), 0, 0), new Vector3(0, 0, options.turnRate()));
                    });
            Flux<ControlMessage> pings = Flux.interval(Duration.ZERO, Duration.ofSeconds(1)).take(runFor)
                    .map(tick -> new Ping(now()));
            Mono<Void> watch = s.receive(Channels.STATE_RELIABLE_BACK, ControlMessages.TYPE).ofType(Pong.class)
                    .doOnNext(p -> {
                        pongs++;
                        double rtt = (now() - p.clientTs()) * 1000;
                        bestRtt = Double.isNaN(bestRtt) ? rtt : Math.min(bestRtt, rtt);
                    })
                    .take(runFor.plusMillis(100)).then();
            Mono<Void> progress = s.receive(Channels.MAP_UNRELIABLE, ControlMessages.TYPE).ofType(Odom.class)
                    .doOnNext(o -> odom++)
                    .sample(Duration.ofSeconds(1))
                    .doOnNext(o -> System.out.printf(Locale.ROOT,
                            "[operator] odom x=%6.2f m  y=%6.2f m  yaw=%6.1f°   commands sent %d, pongs %d%n",
                            o.x(), o.y(), Math.toDegrees(o.yaw()), sent, pongs))
                    .take(runFor.plusMillis(100)).then();
            return Mono.when(s.send(Channels.CMD_UNRELIABLE, TwistStamped.TYPE, commands),
                    s.send(Channels.STATE_RELIABLE, ControlMessages.TYPE, pings), watch, progress);
        }

        long commandsSent() {
            return sent;
        }

        long odomReceived() {
            return odom;
        }

        long pongs() {
            return pongs;
        }

        double bestRttMillis() {
            return bestRtt;
        }
    }

    /** Unix time in seconds with microsecond resolution, as the JSON control messages carry it. */
    static double now() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    /** What the demo did, printed at the end. */
    record DemoReport(Kinematics.Pose pose, long commandsSent, long commandsApplied, long odomReceived, long pongs,
                      double bestRttMillis, ChannelStats robotCommands, ChannelStats operatorMap) {
        void print() {
            System.out.printf(Locale.ROOT, "%nDemo finished: robot at x=%.2f m, y=%.2f m, yaw=%.1f°%n",
                    pose.x(), pose.y(), Math.toDegrees(pose.yaw()));
            System.out.printf(Locale.ROOT, "  commands  sent %d, applied by the robot %d (dropped by policy %d)%n",
                    commandsSent, commandsApplied, robotCommands.droppedInbound());
            System.out.printf(Locale.ROOT, "  odometry  received %d (dropped by policy %d)%n", odomReceived,
                    operatorMap.droppedInbound());
            System.out.printf(Locale.ROOT, "  pings     answered %d, best round trip %.3f ms%n", pongs,
                    bestRttMillis);
        }
    }
}
