package io.teleflux.samples.go2;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.broker.BrokerConfig;
import io.teleflux.broker.BrokerSessions;
import io.teleflux.broker.OperatorConfig;
import io.teleflux.broker.RobotClock;
import io.teleflux.broker.server.BrokerOptions;
import io.teleflux.broker.server.BrokerServer;
import io.teleflux.broker.server.RobotKey;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessage.Odom;
import io.teleflux.codecs.json.ControlMessage.Ping;
import io.teleflux.codecs.json.ControlMessage.Pong;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import io.teleflux.spi.ProviderConfig;
import io.teleflux.webrtc.NetworkNamespace;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@code Go2Main --broker URL --api-key KEY}: the robot the command line builds registers with a broker (here the
 * embedded one) and a Java operator drives it through the broker's relay. Runs only in a private network namespace.
 */
@ExtendWith(NetworkNamespace.class)
class Go2MainBrokerTest {

    private static final Duration T = Duration.ofSeconds(20);
    private static final String OWNER = "alice@example.org";

    private final Disposable.Composite running = Disposables.composite();
    private BrokerServer broker;
    private Session operator;

    @AfterEach
    void stop() {
        running.dispose();
        if (operator != null) {
            operator.disposeNow(T);
        }
        if (broker != null) {
            broker.disposeNow();
        }
    }

    @Test
    void theCommandLinesRobotIsDrivenThroughTheBroker() {
        broker = BrokerServer.start(BrokerOptions.defaults().withPort(0)).block(T);
        RobotKey key = broker.createRobotKey(OWNER, "go2", "go2").block(T);
        Go2Args args = Go2Args.parse(new String[] {"--broker", broker.baseUri().toString(), "--api-key", key.apiKey(),
                "--robot-name", "lab go2", "--stun", "none", "--no-camera"});
        ProviderConfig provider = Go2Main.provider(args);
        assertThat(provider).isInstanceOf(BrokerConfig.class);
        Go2Robot robot = Go2Robot.create(Go2Main.options(args));
        Session robotSession = Teleflux.robot(provider).channels(Channels.STANDARD).connectNow(T);
        running.add(robotSession);
        running.add(robot.run(robotSession).subscribe());

        operator = Teleflux.operator(OperatorConfig.robot(broker.baseUri(), broker.issueOperatorToken(OWNER,
                        Duration.ofHours(1)), "go2").withVideo(false).withStunUrl(null)
                        .withSessionWait(Duration.ofSeconds(10)))
                .connect().block(T);
        // the robot opens its side of the bridge at its next heartbeat
        StepVerifier.create(BrokerSessions.operatorPresence(robotSession).filter(present -> present).take(1))
                .expectNext(true).expectComplete().verify(T);

        // one ping, exactly one pong: the broker provider answers inline, the robot does not answer again
        Flux<Pong> pongs = operator.receive(Channels.STATE_RELIABLE_BACK, ControlMessages.TYPE).ofType(Pong.class)
                .filter(p -> p.clientTs() == 42.5);
        StepVerifier.create(pongs.take(Duration.ofSeconds(1)).count())
                .then(() -> operator.send(Channels.STATE_RELIABLE, ControlMessages.TYPE,
                        Mono.<ControlMessage>just(new Ping(42.5))).subscribe())
                .expectNext(1L)
                .expectComplete()
                .verify(T);

        // twists stamped in robot time (clock synced from the pongs) move the robot; its odometry comes back
        RobotClock clock = RobotClock.sync(operator);
        running.add(clock);
        StepVerifier.create(clock.synced()).expectNext(clock).expectComplete().verify(T);
        running.add(operator.send(Channels.CMD_UNRELIABLE, TwistStamped.TYPE, Flux.interval(Duration.ofMillis(1000 / 80))
                        .map(seq -> clock.twist(seq.intValue(), "keyboard", new Vector3(1.0, 0, 0), Vector3.ZERO)))
                .subscribe(null, e -> { }));
        StepVerifier.create(operator.receive(Channels.MAP_UNRELIABLE, ControlMessages.TYPE).ofType(Odom.class)
                        .filter(odom -> odom.x() > 0.3).take(1))
                .expectNextCount(1)
                .expectComplete()
                .verify(T);
        assertThat(robot.pose().x()).isGreaterThan(0.3);
        assertThat(robot.stats().moves()).isPositive();
    }
}
