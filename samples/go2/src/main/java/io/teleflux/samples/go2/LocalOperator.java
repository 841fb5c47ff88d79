package io.teleflux.samples.go2;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessage.CmdAck;
import io.teleflux.codecs.json.ControlMessage.Odom;
import io.teleflux.codecs.json.ControlMessage.RobotTelemetry;
import io.teleflux.codecs.json.ControlMessage.SportCmd;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.Header;
import io.teleflux.codecs.lcm.StdTime;
import io.teleflux.codecs.lcm.Twist;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import io.teleflux.spi.ProviderConfig;
import java.time.Duration;
import java.util.Locale;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operator of a local run (same JVM, loopback provider): stands the robot up, drives it in a wide circle at
 * 80 Hz like the browser, and prints odometry and telemetry once a second. On the same clock as the robot, so its
 * stamps need no clock sync.
 */
final class LocalOperator {

    private LocalOperator() {
    }

    /** Connects an operator session on {@code provider} and drives until {@code stop} completes. */
    static Mono<Void> drive(ProviderConfig provider, Mono<Void> stop) {
        return Mono.usingWhen(Teleflux.operator(provider).connect(), s -> run(s).takeUntilOther(stop).then(),
                Session::disposeLater);
    }

    private static Flux<Void> run(Session s) {
        Flux<TwistStamped> twists = Flux.interval(Duration.ofMillis(1000 / 80))
                .map(seq -> new TwistStamped(new Header(seq.intValue(), StdTime.ofSeconds(now()), "keyboard"),
                        new Twist(new Vector3(0.8, 0, 0), new Vector3(0, 0, 0.4))));
        Flux<ControlMessage> standUp = Flux.just(new SportCmd("StandUp", ControlMessages.nonce(1)));
        Flux<Void> acks = s.receive(Channels.STATE_RELIABLE_BACK, ControlMessages.TYPE).ofType(CmdAck.class)
                .doOnNext(ack -> System.out.println("[operator] cmd_ack nonce=" + ack.nonce() + " ok=" + ack.ok()))
                .thenMany(Flux.empty());
        Flux<Void> status = Flux.combineLatest(
                        s.receive(Channels.MAP_UNRELIABLE, ControlMessages.TYPE).ofType(Odom.class),
                        s.receive(Channels.STATE_RELIABLE_BACK, ControlMessages.TYPE).ofType(RobotTelemetry.class),
                        LocalOperator::line)
                .sample(Duration.ofSeconds(1))
                .doOnNext(System.out::println)
                .thenMany(Flux.empty());
        return Flux.merge(acks, status,
                s.send(Channels.STATE_RELIABLE, ControlMessages.TYPE, standUp),
                s.send(Channels.CMD_UNRELIABLE, TwistStamped.TYPE, twists));
    }

    private static String line(Odom o, RobotTelemetry t) {
        String rate = t.cmd().map(c -> c.rateHz().isPresent()
                ? String.format(Locale.ROOT, "%.0f Hz", c.rateHz().getAsDouble()) : "-").orElse("-");
        return String.format(Locale.ROOT, "[operator] odom x=%6.2f y=%6.2f yaw=%6.1f°  posture=%s estopped=%s cmd=%s",
                o.x(), o.y(), Math.toDegrees(o.yaw()), t.posture().orElse("?"), t.estopped(), rate);
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
