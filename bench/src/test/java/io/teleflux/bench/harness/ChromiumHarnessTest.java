package io.teleflux.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.bench.chromium.ChromiumLoopback;
import io.teleflux.webrtc.NetworkNamespace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The harness measures the Chromium target like any other (tiny durations), in the test run's private network
 * namespace; skipped outside one and when Debian's chromium and chromium-driver are not installed.
 */
@ExtendWith(NetworkNamespace.class)
class ChromiumHarnessTest {

    @Test
    void theHarnessWritesChromiumRowsWithSaneFigures() {
        Assumptions.assumeTrue(ChromiumLoopback.available(),
                "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        BenchOptions options = BenchOptions.parse(new String[] {"--providers", "chromium", "--sizes", "64",
            "--warmup", "0.1", "--duration", "0.3", "--settle", "0.2", "--runs", "1", "--rtt-rounds", "100"});
        BenchResults results = BenchMain.run(options, System.err);

        assertThat(results.throughput).extracting(BenchResults.Throughput::size).containsExactly(64, 64);
        assertThat(results.throughput).allSatisfy(t -> {
            assertThat(t.msgsPerSecond()).isBetween(100.0, 10_000_000.0);
            // not 1.0 for reliable either: what arrives after the harness's quiet window (an SCTP retransmission
            // timeout) counts towards the next size
            assertThat(t.deliveredRatio()).isBetween(0.2, 1.0);
        });
        assertThat(results.latency).extracting(BenchResults.Latency::kind).containsExactly("unreliable", "reliable");
        assertThat(results.latency).allSatisfy(l -> {
            assertThat(l.rttP50()).isBetween(1.0, 100_000.0).isLessThanOrEqualTo(l.rttP99());
            assertThat(l.setupMillis()).isPositive();
        });
        assertThat(results.csv()).startsWith("provider,kind,size,msgs_per_s,mb_per_s,delivered_ratio,rtt_p50_us,"
                + "rtt_p90_us,rtt_p99_us,lost_pings,setup_ms\nchromium,unreliable,64,");
    }
}
