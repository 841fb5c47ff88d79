package io.teleflux.samples.demo;

import io.teleflux.BackpressurePolicy;
import io.teleflux.ChannelSpec;
import io.teleflux.Channels;
import io.teleflux.ConnectionState;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessage.Ping;
import io.teleflux.codecs.json.ControlMessage.Pong;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import io.teleflux.loopback.LoopbackConfig;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** The code shown in the README, compiled so that it stays true. Each method is one README section. */
final class ReadmeExamples {

    private ReadmeExamples() {
    }

    // [connect]
    static Mono<Session> connect() {
        return Teleflux.robot(LoopbackConfig.named("lab"))   // immutable; nothing happens yet
                .channel(Channels.CMD_UNRELIABLE)             // declare the channels this session uses
                .channel(Channels.STATE_RELIABLE)
                .channel(Channels.STATE_RELIABLE_BACK)
                .connect();                                   // cold: connects per subscriber, cancel aborts
    }
    // [/connect]

    // [receive]
    static Flux<TwistStamped> commands(Session robot) {
        // Only TwistStamped payloads: PoseStamped or Joy on the same channel are filtered out by fingerprint.
        return robot.receive(Channels.CMD_UNRELIABLE, TwistStamped.TYPE);
    }
    // [/receive]

    // [send]
    static Mono<Void> drive(Session operator) {
        Flux<TwistStamped> twists = Flux.interval(Duration.ofMillis(1000 / 80))        // 80 Hz, like the browser
                .map(seq -> TwistStamped.of(seq.intValue(), 0, 0, "keyboard",
                        new Vector3(0.5, 0, 0), Vector3.ZERO));
        return operator.send(Channels.CMD_UNRELIABLE, TwistStamped.TYPE, twists);   // completes when twists do
    }
    // [/send]

    // [pong]
    static Mono<Void> answerPings(Session robot) {
        Flux<ControlMessage> pongs = robot.receive(Channels.STATE_RELIABLE, ControlMessages.TYPE)
                .ofType(Ping.class)
                .map(ping -> Pong.reply(ping, System.currentTimeMillis() / 1000.0));
        return robot.send(Channels.STATE_RELIABLE_BACK, ControlMessages.TYPE, pongs);
    }
    // [/pong]

    // [lifecycle]
    static Mono<Void> runUntilClosed() {
        return connect()
                .retryWhen(Retry.backoff(5, Duration.ofMillis(200)))  // reconnect is a layer over the Mono
                .flatMap(robot -> {
                    robot.states().filter(s -> s == ConnectionState.DISCONNECTED)
                            .subscribe(s -> System.err.println("link lost, waiting for it to come back"));
                    return Mono.when(commands(robot).then(), answerPings(robot))
                            .doFinally(signal -> robot.dispose());         // releases the provider's resources
                });
    }
    // [/lifecycle]

    // [backpressure]
    static ChannelSpec keepLastTenCommands() {
        // Channel specs are immutable; the policy applies to each subscriber's own bounded queue.
        return Channels.CMD_UNRELIABLE.withBackpressure(BackpressurePolicy.dropOldest(10));
    }
    // [/backpressure]
}
