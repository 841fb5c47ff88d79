package io.teleflux.bench.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.BackpressurePolicy;
import io.teleflux.ChannelSpec;
import io.teleflux.Direction;
import io.teleflux.MessageTooLargeException;
import io.teleflux.webrtc.NetworkNamespace;
import io.teleflux.webrtc.WebSocketSignalingServer;
import java.time.Duration;
import java.util.Arrays;
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
    private static WebSocketSignalingServer signaling;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(ChromiumLoopback.available(),
                "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
        chromium = ChromiumLoopback.start();
        signaling = WebSocketSignalingServer.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (signaling != null) {
            signaling.dispose();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void reliableChannelDeliversEveryMessageItSent() {
        try (ChromiumLink link = chromium.connect(true, TIMEOUT)) {
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
        ChannelSpec forward = ChannelSpec.of("bench_reliable", Direction.OPERATOR_TO_ROBOT)
                .withBackpressure(BackpressurePolicy.dropLatest(65_536));
        ChannelSpec back = ChannelSpec.of("bench_reliable_back", Direction.ROBOT_TO_OPERATOR)
                .withBackpressure(BackpressurePolicy.dropLatest(65_536));
        try (ChromiumLink link = ChromiumJavaLink.connect(chromium, signaling.uri("test-room"), forward, back,
                TIMEOUT)) {
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
