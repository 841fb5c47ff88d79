package io.teleflux.samples.go2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessage.CmdAck;
import io.teleflux.codecs.json.ControlMessage.Estop;
import io.teleflux.codecs.json.ControlMessage.EstopClear;
import io.teleflux.codecs.json.ControlMessage.NavGoal;
import io.teleflux.codecs.json.ControlMessage.OperatorLost;
import io.teleflux.codecs.json.ControlMessage.Ping;
import io.teleflux.codecs.json.ControlMessage.SportCmd;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.Header;
import io.teleflux.codecs.lcm.StdTime;
import io.teleflux.codecs.lcm.Twist;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import io.teleflux.samples.go2.Go2Controller.Effect;
import io.teleflux.samples.go2.Go2Controller.Move;
import io.teleflux.samples.go2.Go2Controller.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/** The command guard, E-stop, nonces, operator loss and the watchdog, under virtual time. */
class Go2ControllerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Move STOP = Move.STOP;

    private final TestPublisher<TwistStamped> twists = TestPublisher.create();
    private final TestPublisher<ControlMessage> control = TestPublisher.create();
    private Go2Controller controller;

    private StepVerifier.Step<Effect> decide(Go2Options options) {
        return StepVerifier.withVirtualTime(() -> {
            controller = new Go2Controller(options, new RobotClock(Schedulers.parallel()));   // virtual time
            return controller.decide(twists.flux(), control.flux());
        }).expectSubscription();
    }

    private StepVerifier.Step<Effect> decide() {
        return decide(Go2Options.defaults());
    }

    /** A twist stamped {@code ageSeconds} before robot time (negative: in the future). */
    private TwistStamped twist(int seq, double ageSeconds, double vx, double wz) {
        double now = controller.now();
        return new TwistStamped(new Header(seq, StdTime.ofSeconds(now - ageSeconds), "keyboard"),
                new Twist(new Vector3(vx, 0, 0), new Vector3(0, 0, wz)));
    }

    private static Move move(double vx, double wz) {
        return new Move(new Twist(new Vector3(vx, 0, 0), new Vector3(0, 0, wz)));
    }

    private static Reply ack(long nonce, boolean ok) {
        return new Reply(new CmdAck(ControlMessages.nonce(nonce), ok));
    }

    @Test
    void freshTwistIsForwardedClampedToTheLimits() {
        decide()
                .then(() -> twists.next(twist(1, 0.01, 0.5, 0.3)))
                .expectNext(move(0.5, 0.3))
                .then(() -> twists.next(twist(2, 0.01, 3.0, -5.0)))
                .expectNext(move(1.5, -2.0))
                .then(() -> twists.next(twist(3, 0.01, -9.0, 9.0)))
                .expectNext(move(-1.5, 2.0))
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(controller.stats().moves()).isEqualTo(3);
    }

    @Test
    void staleFutureOutOfOrderAndNonFiniteTwistsAreDroppedAndCounted() {
        decide()
                .then(() -> twists.next(twist(1, 0.6, 0.5, 0)))                 // 0.6 s old: stale
                .then(() -> twists.next(twist(2, -0.5, 0.5, 0)))                // 0.5 s ahead: future
                .then(() -> twists.next(twist(3, 0, Double.NaN, 0)))            // NaN velocity
                .then(() -> twists.next(twist(4, 0, 0.5, Double.POSITIVE_INFINITY)))
                .then(() -> twists.next(twist(10, 0, 0.4, 0)))
                .expectNext(move(0.4, 0))
                .then(() -> twists.next(twist(9, 0, 0.9, 0)))                   // older seq: out of order
                .then(() -> twists.next(twist(10, 0, 0.9, 0)))                  // same seq: a duplicate
                .then(() -> twists.next(twist(11, 0.49, 0.6, 0)))               // just fresh enough
                .expectNext(move(0.6, 0))
                .thenCancel()
                .verify(TIMEOUT);
        GuardStats stats = controller.stats();
        assertThat(stats.stale()).isEqualTo(1);
        assertThat(stats.future()).isEqualTo(1);
        assertThat(stats.nonFinite()).isEqualTo(2);
        assertThat(stats.outOfOrder()).isEqualTo(2);
        assertThat(stats.moves()).isEqualTo(2);
    }

    @Test
    void sequenceNumbersWrapAndRestartAfterAPause() {
        decide()
                .then(() -> twists.next(twist(0x7ffffffe, 0, 0.1, 0)))
                .expectNext(move(0.1, 0))
                .then(() -> twists.next(twist(0x7fffffff, 0, 0.2, 0)))
                .expectNext(move(0.2, 0))
                .then(() -> twists.next(twist(0, 0, 0.3, 0)))                   // wrapped: still newer
                .expectNext(move(0.3, 0))
                .then(() -> twists.next(twist(0x7ffffff0, 0, 0.9, 0)))          // far behind: out of order
                .thenAwait(Duration.ofSeconds(1))                                // a pause longer than staleAfter
                .expectNext(STOP)                                                // (the watchdog's)
                .then(() -> twists.next(twist(0x7ffffff0, 0, 0, 0.4)))          // now it starts a new sequence
                .expectNext(move(0, 0.4))
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(controller.stats().outOfOrder()).isEqualTo(1);
    }

    @Test
    void zeroIsForwardedOnlyOnTheReleaseEdge() {
        decide()
                .then(() -> twists.next(twist(1, 0, 0, 0)))                     // idle zero: nothing to stop
                .then(() -> twists.next(twist(2, 0, 0.5, 0)))
                .expectNext(move(0.5, 0))
                .then(() -> twists.next(twist(3, 0, 0, 0)))                     // keys released
                .expectNext(STOP)
                .then(() -> twists.next(twist(4, 0, 0, 0)))                     // idle again
                .then(() -> twists.next(twist(5, 0, 0, 0)))
                .expectNoEvent(Duration.ofSeconds(1))
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(controller.stats().releases()).isEqualTo(1);
        assertThat(controller.stats().idleZeros()).isEqualTo(3);
    }

    @Test
    void watchdogStopsTheRobotWhenCommandsStopComing() {
        decide(Go2Options.defaults().withWatchdog(Duration.ofMillis(300)))
                .then(() -> twists.next(twist(1, 0, 0.5, 0)))
                .expectNext(move(0.5, 0))
                .thenAwait(Duration.ofMillis(200))
                .then(() -> twists.next(twist(2, 0, 0.5, 0)))                   // fresh: re-arms the watchdog
                .expectNext(move(0.5, 0))
                .expectNoEvent(Duration.ofMillis(299))
                .thenAwait(Duration.ofMillis(100))                               // checked four times per timeout
                .expectNext(STOP)
                .expectNoEvent(Duration.ofSeconds(5))                           // one stop, no repeats
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(controller.stats().watchdogStops()).isEqualTo(1);
    }

    @Test
    void estopLatchesStopsAndRefusesTwistsUntilCleared() {
        decide()
                .then(() -> twists.next(twist(1, 0, 1.0, 0)))
                .expectNext(move(1.0, 0))
                .then(() -> control.next(new Estop(ControlMessages.nonce(1))))
                .expectNext(STOP, ack(1, true))                                 // the stop goes out before the ack
                .then(() -> twists.next(twist(2, 0, 1.0, 0)))
                .then(() -> twists.next(twist(3, 0, 1.0, 0)))
                .expectNoEvent(Duration.ofSeconds(1))
                .then(() -> assertThat(controller.estopped()).isTrue())
                .then(() -> control.next(new Estop(ControlMessages.nonce(5))))   // pressed again: stops again
                .expectNext(STOP, ack(5, true))
                .then(() -> control.next(new EstopClear(ControlMessages.nonce(2))))
                .expectNext(ack(2, true))                                       // clearing does not move the robot
                .then(() -> twists.next(twist(4, 0, 0.7, 0)))
                .expectNext(move(0.7, 0))
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(controller.stats().whileEstopped()).isEqualTo(2);
        assertThat(controller.estopped()).isFalse();
    }

    @Test
    void repeatedNonceIsReackedWithoutRunningTheCommandAgain() {
        decide()
                .then(() -> control.next(new Estop(ControlMessages.nonce(7))))
                .expectNext(STOP, ack(7, true))
                .then(() -> control.next(new EstopClear(ControlMessages.nonce(8))))
                .expectNext(ack(8, true))
                .then(() -> control.next(new Estop(ControlMessages.nonce(7))))   // a retransmission
                .expectNext(ack(7, true))                                        // re-acked; no stop, no latch
                .then(() -> control.next(new SportCmd("Backflip", ControlMessages.nonce(9))))
                .expectNext(ack(9, false))
                .then(() -> control.next(new SportCmd("Backflip", ControlMessages.nonce(9))))
                .expectNext(ack(9, false))                                       // the same answer again
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(controller.estopped()).isFalse();
        GuardStats stats = controller.stats();
        assertThat(stats.duplicates()).isEqualTo(2);
        assertThat(stats.acked()).isEqualTo(2);
        assertThat(stats.refused()).isEqualTo(1);
    }

    @Test
    void operatorLostStopsTheRobotAndStartsANewSequence() {
        decide()
                .then(() -> twists.next(twist(500, 0, 1.0, 0)))
                .expectNext(move(1.0, 0))
                .then(() -> control.next(OperatorLost.INSTANCE))
                .expectNext(STOP)
                .then(() -> twists.next(twist(1, 0, 0.5, 0)))                   // the next operator counts from 1
                .expectNext(move(0.5, 0))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void sportCommandsAreCheckedAgainstTheAllowList() {
        decide()
                .then(() -> control.next(new SportCmd("Hello", ControlMessages.nonce(1))))
                .expectNext(ack(1, true))
                .then(() -> control.next(new SportCmd("FrontJump", ControlMessages.nonce(2))))
                .expectNext(ack(2, false))                                       // acrobatics are off by default
                .then(() -> control.next(new SportCmd("Damp", ControlMessages.nonce(3))))
                .expectNext(STOP, ack(3, true))
                .then(() -> control.next(new Ping(1.0)))                        // not a command: no ack
                .expectNoEvent(Duration.ofSeconds(1))
                .thenCancel()
                .verify(TIMEOUT);

        decide(Go2Options.defaults().withAllowAcrobatics(true))
                .then(() -> control.next(new SportCmd("FrontJump", ControlMessages.nonce(2))))
                .expectNext(ack(2, true))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void navGoalIsAckedAndRejectedWhileEstoppedOrOutOfRange() {
        decide()
                .then(() -> control.next(new NavGoal(3, -4, ControlMessages.nonce(1))))
                .expectNext(ack(1, true))
                .then(() -> control.next(new NavGoal(101, 0, ControlMessages.nonce(2))))
                .expectNext(ack(2, false))
                .then(() -> control.next(new Estop(ControlMessages.nonce(3))))
                .expectNext(STOP, ack(3, true))
                .then(() -> assertThat(controller.goal()).isNull())            // the E-stop cancels the plan
                .then(() -> control.next(new NavGoal(1, 1, ControlMessages.nonce(4))))
                .expectNext(ack(4, false))
                .then(() -> control.next(new SportCmd("StandUp", ControlMessages.nonce(5))))
                .expectNext(ack(5, false))                                       // only stopping commands while latched
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void telemetryReportsTheLatchAndTheCommandRate() {
        decide()
                .then(() -> assertThat(controller.telemetry().cmd()).isEmpty())  // no samples yet: null on the wire
                .then(() -> twists.next(twist(1, 0.02, 0.5, 0)))
                .expectNext(move(0.5, 0))
                .thenAwait(Duration.ofMillis(100))
                .then(() -> twists.next(twist(2, 0.02, 0.5, 0)))
                .expectNext(move(0.5, 0))
                .then(() -> control.next(new Estop(ControlMessages.nonce(1))))
                .expectNext(STOP, ack(1, true))
                .then(() -> {
                    ControlMessage.RobotTelemetry t = controller.telemetry();
                    assertThat(t.estopped()).isTrue();
                    assertThat(t.cmd()).isPresent();
                    assertThat(t.cmd().get().rateHz().getAsDouble()).isCloseTo(10.0, within(0.01));
                    assertThat(t.cmd().get().latencyMs().getAsDouble()).isCloseTo(20.0, within(0.01));
                })
                .thenCancel()
                .verify(TIMEOUT);
    }
}
