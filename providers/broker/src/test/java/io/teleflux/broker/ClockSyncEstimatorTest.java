package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClockSyncEstimatorTest {

    /** A pong for a robot clock {@code offset} ahead, with the given one-way delays. */
    private static boolean feed(ClockSyncEstimator e, double sent, double offset, double up, double down) {
        double robotTs = sent + up + offset;
        double recv = sent + up + down;
        return e.onPong(sent, robotTs, recv);
    }

    @Test
    void symmetricPathGivesTheExactOffset() {
        ClockSyncEstimator e = new ClockSyncEstimator();
        assertThat(e.synced()).isFalse();
        assertThat(e.rtt()).isNaN();
        assertThat(feed(e, 1000.0, 2.5, 0.010, 0.010)).isTrue();
        assertThat(e.synced()).isTrue();
        assertThat(e.offset()).isCloseTo(2.5, within(1e-9));
        assertThat(e.rtt()).isCloseTo(0.020, within(1e-9));
    }

    @Test
    void theMinimumRttSampleWins() {
        ClockSyncEstimator e = new ClockSyncEstimator();
        feed(e, 1000.0, -3.0, 0.050, 0.010);   // rtt 60 ms, asymmetric: offset error 20 ms
        assertThat(feed(e, 1000.4, -3.0, 0.005, 0.005)).isTrue();   // rtt 10 ms
        assertThat(e.offset()).isCloseTo(-3.0, within(1e-9));
        assertThat(feed(e, 1000.8, -3.0, 0.100, 0.002)).as("a slower sample loses").isFalse();
        assertThat(e.offset()).isCloseTo(-3.0, within(1e-9));
        assertThat(e.samples()).isEqualTo(3);
    }

    @Test
    void theKeptMinimumAgesOneMillisecondPerSecond() {
        ClockSyncEstimator e = new ClockSyncEstimator();
        feed(e, 1000.0, 1.0, 0.005, 0.005);                 // rtt 10 ms at t≈1000
        assertThat(feed(e, 1005.0, 1.2, 0.007, 0.007)).as("14 ms vs floor 15 ms after 5 s").isTrue();
        assertThat(e.offset()).isCloseTo(1.2, within(1e-9));
        assertThat(feed(e, 1005.5, 1.4, 0.010, 0.010)).as("20 ms vs floor 14.5 ms").isFalse();
    }

    @Test
    void samplesOutsideZeroToFiveSecondsAreRejected() {
        ClockSyncEstimator e = new ClockSyncEstimator();
        assertThat(e.onPong(1000.0, 1000.0, 999.0)).as("negative rtt").isFalse();
        assertThat(e.onPong(1000.0, 1000.0, 1005.5)).as("rtt above 5 s").isFalse();
        assertThat(e.onPong(1000.0, Double.NaN, 1000.1)).isFalse();
        assertThat(e.synced()).isFalse();
        assertThat(e.samples()).isZero();
    }
}
