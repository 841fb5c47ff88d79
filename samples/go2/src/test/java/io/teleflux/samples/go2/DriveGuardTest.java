package io.teleflux.samples.go2;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.codecs.lcm.Header;
import io.teleflux.codecs.lcm.StdTime;
import io.teleflux.codecs.lcm.Twist;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import io.teleflux.samples.go2.DriveGuard.Verdict;
import org.junit.jupiter.api.Test;

/** The guard's rules that need no stream: unnumbered senders, clamping of the axes a Go2 cannot drive. */
class DriveGuardTest {

    private final DriveGuard guard = new DriveGuard(Go2Options.defaults());

    private static TwistStamped at(int seq, double stamp, double vx) {
        return new TwistStamped(new Header(seq, StdTime.ofSeconds(stamp), "keyboard"),
                new Twist(new Vector3(vx, 0, 0), Vector3.ZERO));
    }

    @Test
    void unnumberedTwistsAreOrderedByStamp() {
        assertThat(guard.check(at(0, 100.00, 0.5), 100.05)).isEqualTo(Verdict.MOVE);
        assertThat(guard.check(at(0, 100.02, 0.5), 100.06)).isEqualTo(Verdict.MOVE);
        assertThat(guard.check(at(0, 100.01, 0.5), 100.07)).isEqualTo(Verdict.OUT_OF_ORDER);
        assertThat(guard.check(at(0, 100.02, 0.5), 100.08)).isEqualTo(Verdict.OUT_OF_ORDER);
    }

    @Test
    void futureToleranceIsConfigurable() {
        assertThat(guard.check(at(1, 100.09, 0.5), 100.0)).isEqualTo(Verdict.MOVE);      // within 100 ms
        DriveGuard strict = new DriveGuard(Go2Options.defaults().withFutureTolerance(java.time.Duration.ZERO));
        assertThat(strict.check(at(1, 100.01, 0.5), 100.0)).isEqualTo(Verdict.FUTURE);
    }

    @Test
    void clampKeepsOnlyWhatAGo2CanDoWithinItsLimits() {
        Twist wild = new Twist(new Vector3(2, -3, 4), new Vector3(1, 1, -7));
        assertThat(guard.clamp(wild)).isEqualTo(new Twist(new Vector3(1.5, -1.5, 0), new Vector3(0, 0, -2.0)));
        Twist fine = new Twist(new Vector3(0.3, 0.1, 0), new Vector3(0, 0, 0.2));
        assertThat(guard.clamp(fine)).isEqualTo(fine);
    }
}
