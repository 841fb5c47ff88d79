package io.teleflux.bench.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.MessageTooLargeException;
import io.teleflux.webrtc.NetworkNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

/**
 * A very short measurement on real headless Chromium (Debian chromium + chromium-driver), inside the test run's
 * private network namespace; skipped outside one, and when Chromium is not installed.
 */
@ExtendWith(NetworkNamespace.class)
class ChromiumLoopbackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static ChromiumLoopback chromium;
    private static Targets targets;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(ChromiumLoopback.available(),
                "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        chromium = ChromiumLoopback.start();
        targets = new Targets(chromium);
    }

    @AfterAll
    static void stop() {
        if (targets != null) {
            targets.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void reliableChannelDeliversEveryMessageItSent() {
        try (ChromiumLink link = targets.get("chromium").connect(true, TIMEOUT)) {
            assertThat(link.setupMillis()).isBetween(0.1, 30_000.0);
            assertThat(link.maxMessageSize()).isEqualTo(262_144);
            long sent = link.flood(1024, Duration.ofMillis(300));
            assertThat(sent).isGreaterThan(100);
            assertThat(receivedReaches(link, sent)).isEqualTo(sent);
        }
    }

    @Test
    void unreliablePingPongAnswersEveryRoundWithinSaneTimes() {
        try (ChromiumLoopback.Link link = chromium.connect(false, TIMEOUT)) {
            ChromiumLink.RoundTrips rtt = link.pingPong(10, 200, Duration.ofMillis(500));
            assertThat(rtt.nanos().length + rtt.lost()).isEqualTo(200);
            assertThat(rtt.lost()).isLessThan(5);
            assertThat(Arrays.stream(rtt.nanos()).boxed())
                    .allSatisfy(n -> assertThat(n).isBetween(1_000L, 500_000_000L));
            assertThat(link.received()).isGreaterThanOrEqualTo(210 - rtt.lost()); // pings count as received
        }
    }

    @Test
    void aMessageAboveChromiumsLimitIsRefusedBeforeSending() {
        try (ChromiumLoopback.Link link = chromium.connect(false, TIMEOUT)) {
            assertThatThrownBy(() -> link.flood(262_145, Duration.ofMillis(100)))
                    .isInstanceOf(MessageTooLargeException.class)
                    .hasMessageContaining("262144");
            assertThat(link.flood(262_144, Duration.ofMillis(100))).isPositive();
        }
    }

    @Test
    void aJavaRobotSessionReceivesAndEchoesWhatTheChromiumOperatorSends() {
        try (ChromiumLink link = targets.get("chromium-java").connect(true, TIMEOUT)) {
            assertThat(link.setupMillis()).isBetween(0.1, 30_000.0);
            long sent = link.flood(4096, Duration.ofMillis(300));
            assertThat(sent).isGreaterThan(10);
            assertThat(receivedReaches(link, sent)).isEqualTo(sent); // reliable, counted by the Java session
            ChromiumLink.RoundTrips rtt = link.pingPong(10, 100, Duration.ofMillis(500));
            assertThat(rtt.lost()).isZero();
            assertThat(rtt.nanos()).hasSize(100);
        }
    }

    @Test
    void theBenchWritesHarnessRowsWithSaneFigures() {
        ChromiumBench.Plan plan = new ChromiumBench.Plan(List.of(64, 300_000), List.of(false, true),
                Duration.ofMillis(100), Duration.ofMillis(300), 1, 100);
        ChromiumResults results = new ChromiumResults();
        List<String> steps = new ArrayList<>();
        ChromiumBench bench = new ChromiumBench(steps::add);
        for (boolean reliable : plan.reliable()) {
            bench.measure(targets.get("chromium"), reliable, plan, results);
        }
        assertThat(steps).hasSize(plan.steps()).anyMatch(s -> s.contains("n/a"));
        assertThat(results.throughput).extracting(ChromiumBench.Throughput::size).containsExactly(64, 64);
        assertThat(results.throughput).allSatisfy(t -> {
            assertThat(t.msgsPerSecond()).isBetween(100.0, 10_000_000.0);
            // not 1.0 for reliable either: what arrives after the 200 ms quiet window (an SCTP retransmission
            // timeout) counts towards the next size, as in the harness
            assertThat(t.deliveredRatio()).isBetween(0.2, 1.0);
        });
        assertThat(results.latency).extracting(ChromiumBench.Latency::kind).containsExactly("unreliable", "reliable");
        assertThat(results.latency).allSatisfy(l -> {
            assertThat(l.rttP50()).isBetween(1.0, 100_000.0).isLessThanOrEqualTo(l.rttP99());
            assertThat(l.setupMillis()).isPositive();
        });
        assertThat(results.csv()).startsWith("provider,kind,size,msgs_per_s,mb_per_s,delivered_ratio,rtt_p50_us,"
                + "rtt_p90_us,rtt_p99_us,lost_pings,setup_ms\nchromium,unreliable,64,");
    }

    @Test
    void closingReleasesTheBrowserAndDriverProcesses() {
        long before = browserProcesses();
        ChromiumLoopback own = ChromiumLoopback.start();
        try (ChromiumLink link = own.connect(false, TIMEOUT)) {
            assertThat(link.flood(64, Duration.ofMillis(50))).isPositive();
            assertThat(browserProcesses()).isGreaterThan(before);
        } finally {
            own.close();
        }
        Long left = Flux.interval(Duration.ofMillis(50))
                .map(i -> browserProcesses())
                .filter(n -> n <= before)
                .blockFirst(Duration.ofSeconds(10));
        assertThat(left).as("chromium/chromedriver processes left after close").isNotNull();
    }

    /** This JVM's descendant chromium and chromedriver processes (the shared browser of this class included). */
    private static long browserProcesses() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
                .count();
    }

    /**
     * Polls the robot's count until it reaches {@code expected}, or returns the last count after 30 s. Generous: on a
     * loaded machine Chromium's loopback loses UDP packets in bursts and SCTP recovers them by retransmission
     * timeouts, a trickle of ~400 ms steps that was seen to last 5 s.
     */
    private static long receivedReaches(ChromiumLink link, long expected) {
        Long reached = Flux.interval(Duration.ofMillis(20))
                .map(i -> link.received())
                .filter(n -> n >= expected)
                .take(Duration.ofSeconds(30))
                .blockFirst();
        return reached == null ? link.received() : reached;
    }
}
