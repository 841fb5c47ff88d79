package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.Header;
import io.teleflux.codecs.lcm.StdTime;
import io.teleflux.codecs.lcm.Twist;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import io.teleflux.loopback.LoopbackConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/** The clock sync pipeline over the loopback provider, against a robot whose clock runs 2.5 s ahead. */
class RobotClockTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final AtomicInteger LINKS = new AtomicInteger();

    @Test
    void theOffsetOfARobotClockAheadIsFoundAndTwistsAreStampedInIt() {
        LoopbackConfig link = LoopbackConfig.named("clock-" + LINKS.incrementAndGet());
        Tuple2<Session, Session> pair = Mono.zip(Teleflux.robot(link).connect(), Teleflux.operator(link).connect())
                .block(T);
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        Flux<ControlMessage> pongs = robot.receive(Channels.STATE_RELIABLE, ControlMessages.of(ControlMessage.Ping.class))
                .map(ping -> ControlMessage.Pong.reply(ping, RobotClock.localNow() + 2.5));
        Disposable answering = robot.send(Channels.STATE_RELIABLE_BACK, ControlMessages.TYPE, pongs).subscribe();
        RobotClock clock = RobotClock.sync(operator);
        try {
            StepVerifier.create(clock.synced()).expectNext(clock).expectComplete().verify(T);
            assertThat(clock.isSynced()).isTrue();
            assertThat(clock.offsetSeconds()).isCloseTo(2.5, within(0.05));
            assertThat(clock.nowSeconds()).isCloseTo(RobotClock.localNow() + 2.5, within(0.05));
            TwistStamped t = clock.twist(-1, "keyboard", new Vector3(0.5, 0, 0), Vector3.ZERO);
            assertThat(t.header().seq()).as("seq is kept in 31 bits").isEqualTo(0x7fffffff);
            assertThat(t.header().stamp().toSeconds()).isCloseTo(RobotClock.localNow() + 2.5, within(0.05));
            TwistStamped old = new TwistStamped(new Header(9, StdTime.ZERO, "vr"), new Twist(Vector3.ZERO, Vector3.ZERO));
            TwistStamped restamped = clock.stamp(old);
            assertThat(restamped.header().seq()).isEqualTo(9);
            assertThat(restamped.header().frameId()).isEqualTo("vr");
            assertThat(restamped.header().stamp().toSeconds()).isCloseTo(RobotClock.localNow() + 2.5, within(0.05));
        } finally {
            clock.dispose();
            answering.dispose();
            robot.disposeNow(T);
            operator.disposeNow(T);
        }
        assertThat(clock.isDisposed()).isTrue();
    }

    @Test
    void beforeTheFirstPongTheClockIsLocal() {
        LoopbackConfig link = LoopbackConfig.named("clock-" + LINKS.incrementAndGet());
        Session operator = Teleflux.operator(link).connect().block(T);
        RobotClock clock = RobotClock.sync(operator);
        try {
            assertThat(clock.isSynced()).isFalse();
            assertThat(clock.offsetSeconds()).isZero();
            assertThat(clock.rttSeconds()).isNaN();
            assertThat(clock.toString()).contains("not synced");
        } finally {
            clock.dispose();
            operator.disposeNow(T);
        }
    }
}
