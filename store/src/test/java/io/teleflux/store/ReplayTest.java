package io.teleflux.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class ReplayTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Instant T0 = RoundTripTest.T0;

    @TempDir
    Path dir;

    Store store;
    StoreStream<byte[]> a;
    StoreStream<byte[]> b;

    @BeforeEach
    void record() {
        store = Store.open(dir.resolve("s.db"));
        a = store.stream("a", StreamType.bytes());
        b = store.stream("b", StreamType.bytes());
        // a at 0, 100, 250, 1000 ms; b at 50, 300 ms
        StepVerifier.create(a.recordEntries(Flux.just(0, 100, 250, 1000)
                        .map(ms -> Entry.of(T0.plusMillis(ms), new byte[] {(byte) (ms / 10)})), RecordOptions.WAIT))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(b.recordEntries(Flux.just(50, 300)
                        .map(ms -> Entry.of(T0.plusMillis(ms), new byte[] {(byte) (ms / 10)})), RecordOptions.WAIT))
                .expectComplete().verify(TIMEOUT);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static long ms(Stored<?> s) {
        return Duration.between(T0, s.timestamp()).toMillis();
    }

    @Test
    void replayKeepsTheRecordedOffsets() {
        StepVerifier.withVirtualTime(() -> a.replay(ReplayOptions.DEFAULTS).map(ReplayTest::ms))
                .expectSubscription()
                .expectNext(0L)
                .expectNoEvent(Duration.ofMillis(99))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(100L)
                .expectNoEvent(Duration.ofMillis(149))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(250L)
                .expectNoEvent(Duration.ofMillis(749))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(1000L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void speedDividesTheOffsets() {
        StepVerifier.withVirtualTime(() -> a.replay(ReplayOptions.DEFAULTS.withSpeed(4)).map(ReplayTest::ms))
                .expectSubscription()
                .expectNext(0L)
                .expectNoEvent(Duration.ofMillis(24))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(100L)
                .expectNoEvent(Duration.ofMillis(37))   // 250 ms / 4 = 62.5 ms
                .thenAwait(Duration.ofMillis(1))
                .expectNext(250L)
                .expectNoEvent(Duration.ofMillis(186))  // 1000 ms / 4 = 250 ms
                .thenAwait(Duration.ofMillis(1))
                .expectNext(1000L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void replayFromATimestampStartsThere() {
        StepVerifier.withVirtualTime(() -> a.replay(ReplayOptions.DEFAULTS.withFrom(T0.plusMillis(200)))
                        .map(ReplayTest::ms))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(49))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(250L)
                .expectNoEvent(Duration.ofMillis(749))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(1000L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void loopingStartsAgainAfterTheLastRow() {
        StepVerifier.withVirtualTime(() -> a.replay(ReplayOptions.DEFAULTS.withLoop(true)).map(ReplayTest::ms)
                        .take(6))
                .expectSubscription()
                .expectNext(0L)
                .thenAwait(Duration.ofMillis(1000))
                .expectNext(100L, 250L, 1000L, 0L)
                .expectNoEvent(Duration.ofMillis(99))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(100L)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void severalStreamsShareOneClock() {
        StepVerifier.withVirtualTime(() -> store.replay(ReplayOptions.DEFAULTS, a, b)
                        .map(s -> s.stream() + ms(s)))
                .expectSubscription()
                .expectNext("a0")
                .expectNoEvent(Duration.ofMillis(49))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("b50")
                .thenAwait(Duration.ofMillis(50))
                .expectNext("a100")
                .thenAwait(Duration.ofMillis(150))
                .expectNext("a250")
                .expectNoEvent(Duration.ofMillis(49))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("b300")
                .thenAwait(Duration.ofMillis(700))
                .expectNext("a1000")
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void cancellingAReplayStopsIt() {
        StepVerifier.withVirtualTime(() -> store.replay(ReplayOptions.DEFAULTS.withLoop(true), a, b))
                .expectSubscription()
                .expectNextCount(1)
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(List.of(a.stats().undecodable(), b.stats().undecodable())).containsOnly(0L);
    }
}
