package io.teleflux.bench.broker;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.codecs.lcm.Header;
import io.teleflux.codecs.lcm.Twist;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import java.time.Duration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Drive commands as the operator page sends them (LCM {@code TwistStamped} on {@code cmd_unreliable}, 80 Hz,
 * {@code header.seq} increasing), except that the header stamp carries this JVM's {@link System#nanoTime()} at the
 * moment of sending, so a robot in the same JVM reads the one-way latency off each command.
 */
final class Commands {

    /** The operator page's command rate. */
    static final Duration PERIOD_80_HZ = Duration.ofNanos(12_500_000);

    private static final Vector3 FORWARD = new Vector3(0.5, 0, 0);

    private Commands() {
    }

    /** A forward command stamped now. */
    static TwistStamped stampedNow(int seq) {
        long now = System.nanoTime();
        return new TwistStamped(Header.of(seq, (int) (now / 1_000_000_000L), (int) (now % 1_000_000_000L),
                "bench"), new Twist(FORWARD, Vector3.ZERO));
    }

    /** Nanoseconds since {@code command} was stamped by {@link #stampedNow}. */
    static long ageNanos(TwistStamped command) {
        long stamp = command.header().stamp().sec() * 1_000_000_000L + command.header().stamp().nsec();
        return System.nanoTime() - stamp;
    }

    /** {@code count} commands at 80 Hz, the first one at subscription, each stamped as it is emitted. */
    static Flux<TwistStamped> at80Hz(long count) {
        return Flux.interval(Duration.ZERO, PERIOD_80_HZ).take(count).map(i -> stampedNow(i.intValue()));
    }

    /** Sends {@code commands} from {@code operator} on {@code cmd_unreliable}; errors end it quietly. */
    static Disposable drive(Session operator, Flux<TwistStamped> commands) {
        return operator.send(Channels.CMD_UNRELIABLE, TwistStamped.TYPE, commands).subscribe(v -> { }, e -> { });
    }
}
