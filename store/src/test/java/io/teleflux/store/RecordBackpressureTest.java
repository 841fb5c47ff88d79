package io.teleflux.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.BackpressurePolicy;
import io.teleflux.video.Frame;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class RecordBackpressureTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int BATCH = 16;
    static final int N = 3000;

    @TempDir
    Path dir;

    private Store open() {
        return Store.open(dir.resolve("s.db"), StoreOptions.DEFAULTS.withBatchSize(BATCH));
    }

    static byte[] payload(long i) {
        return ByteBuffer.allocate(8).putLong(i).array();
    }

    /** A producer that ignores demand: pushes everything at once on the subscribing thread. */
    static Flux<byte[]> hot(int n) {
        return Flux.create(sink -> {
            for (int i = 0; i < n; i++) {
                sink.next(payload(i));
            }
            sink.complete();
        }, FluxSink.OverflowStrategy.IGNORE);
    }

    @Test
    void theDiskPaceReachesTheProducerThroughBoundedRequests() {
        try (Store store = open()) {
            StoreStream<byte[]> s = store.stream("b", StreamType.bytes());
            List<Long> requests = new CopyOnWriteArrayList<>();
            AtomicLong emitted = new AtomicLong();
            AtomicLong maxAhead = new AtomicLong();
            Flux<byte[]> producer = Flux.range(0, N)
                    .doOnRequest(requests::add)
                    .map(i -> {
                        long ahead = emitted.incrementAndGet() - s.stats().written();
                        maxAhead.accumulateAndGet(ahead, Math::max);
                        return payload(i);
                    });
            StepVerifier.create(s.record(producer)).expectComplete().verify(TIMEOUT);
            assertThat(s.info().count()).isEqualTo(N);
            assertThat(requests).allMatch(n -> n <= 4L * BATCH, "every request is at most four batches");
            assertThat(maxAhead.get()).as("values in flight beyond the last commit").isLessThanOrEqualTo(4L * BATCH);
            assertThat(s.stats().dropped()).isZero();
        }
    }

    @Test
    void aHotProducerWithoutAPolicyFailsLoudly() {
        try (Store store = open()) {
            StoreStream<byte[]> s = store.stream("b", StreamType.bytes());
            StepVerifier.create(s.record(hot(N)))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RecordOverflowException.class)
                            .hasMessageContaining("ignores backpressure"))
                    .verify(TIMEOUT);
        }
    }

    @Test
    void dropLatestCountsWhatAHotProducerLoses() {
        try (Store store = open()) {
            StoreStream<byte[]> s = store.stream("b", StreamType.bytes());
            StepVerifier.create(s.record(hot(N), RecordOptions.overflow(BackpressurePolicy.dropLatest(64))))
                    .expectComplete().verify(TIMEOUT);
            long written = s.info().count();
            assertThat(s.stats().dropped()).isPositive();
            assertThat(written + s.stats().dropped()).isEqualTo(N);
            // DROP_LATEST keeps the oldest: the first rows are 0, 1, 2…
            StepVerifier.create(s.read().take(3).map(x -> ByteBuffer.wrap(x.value()).getLong()))
                    .expectNext(0L, 1L, 2L).expectComplete().verify(TIMEOUT);
        }
    }

    @Test
    void latestKeepsTheNewestValue() {
        try (Store store = open()) {
            StoreStream<byte[]> s = store.stream("b", StreamType.bytes());
            StepVerifier.create(s.record(hot(N), RecordOptions.overflow(BackpressurePolicy.LATEST)))
                    .expectComplete().verify(TIMEOUT);
            assertThat(s.info().count() + s.stats().dropped()).isEqualTo(N);
            assertThat(s.stats().dropped()).isPositive();
            StepVerifier.create(s.read(Query.latest(1)).map(x -> ByteBuffer.wrap(x.value()).getLong()))
                    .expectNext((long) N - 1).expectComplete().verify(TIMEOUT);
        }
    }

    @Test
    void bufferOverflowEndsTheRecordingWithATypedError() {
        try (Store store = open()) {
            StoreStream<byte[]> s = store.stream("b", StreamType.bytes());
            StepVerifier.create(s.record(hot(N), RecordOptions.overflow(BackpressurePolicy.buffer(32))))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RecordOverflowException.class)
                            .hasMessageContaining("BUFFER(32)"))
                    .verify(TIMEOUT);
            assertThat(s.stats().dropped()).isPositive();
        }
    }

    @Test
    void droppedFramesAreReleased() {
        List<Frame> frames = TestFrames.frames(200, RoundTripTest.T0, 10);
        try (Store store = open()) {
            StoreStream<Frame> cam = store.stream("cam", StreamType.jpeg());
            Flux<Frame> camera = Flux.create(sink -> {
                frames.forEach(sink::next);
                sink.complete();
            }, FluxSink.OverflowStrategy.IGNORE);
            StepVerifier.create(cam.record(camera, RecordOptions.overflow(BackpressurePolicy.dropOldest(4))))
                    .expectComplete().verify(TIMEOUT);
            assertThat(cam.stats().dropped()).isPositive();
            assertThat(cam.info().count() + cam.stats().dropped()).isEqualTo(200);
        }
        assertThat(frames).allMatch(f -> f.refCount() == 0, "every frame released, written or dropped");
    }

    @Test
    void cancellingARecordingKeepsWhatWasCommittedAndReleasesTheRest() {
        try (Store store = open()) {
            StoreStream<byte[]> s = store.stream("b", StreamType.bytes());
            Sinks.Many<byte[]> sink = Sinks.many().unicast().onBackpressureBuffer();
            StepVerifier.create(s.record(sink.asFlux()))
                    .then(() -> {
                        for (int i = 0; i < BATCH; i++) {
                            sink.tryEmitNext(payload(i)).orThrow();
                        }
                    })
                    .then(() -> Flux.interval(Duration.ofMillis(1))
                            .filter(t -> s.stats().written() == BATCH)
                            .blockFirst(TIMEOUT)) // the full batch was committed
                    .thenCancel()
                    .verify(TIMEOUT);
            assertThat(s.info().count()).isEqualTo(BATCH);
            // a new recording may start once the previous one ended
            StepVerifier.create(s.record(Flux.just(payload(99)))).expectComplete().verify(TIMEOUT);
        }
    }

    @Test
    void oneRecordingPerStreamAtATime() {
        try (Store store = open()) {
            StoreStream<byte[]> s = store.stream("b", StreamType.bytes());
            Sinks.Many<byte[]> sink = Sinks.many().unicast().onBackpressureBuffer();
            Mono<Void> first = s.record(sink.asFlux());
            StepVerifier.create(Mono.when(first, s.record(Flux.just(payload(1)))))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StoreException.class)
                            .hasMessageContaining("already being recorded"))
                    .verify(TIMEOUT);
        }
    }
}
