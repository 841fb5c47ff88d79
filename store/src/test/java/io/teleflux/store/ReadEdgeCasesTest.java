package io.teleflux.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.codecs.video.H264Encoder;
import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class ReadEdgeCasesTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    static List<EncodedFrame> encode(int n) {
        List<EncodedFrame> units = new ArrayList<>();
        try (H264Encoder encoder = H264Encoder.open()) {
            for (Frame f : TestFrames.frames(n, RoundTripTest.T0, 33)) {
                units.add(encoder.encode(f));
                f.release();
            }
        }
        return units;
    }

    @Test
    void framesAfterAGapAreSkippedUntilTheNextKeyframeAndCounted() {
        List<EncodedFrame> units = encode(60);
        List<EncodedFrame> withGap = new ArrayList<>(units);
        withGap.subList(10, 15).clear(); // frames 10..14 lost: 15..29 depend on them
        try (Store store = Store.open(dir.resolve("s.db"))) {
            StepVerifier.create(store.stream("cam", StreamType.h264AccessUnits()).record(Flux.fromIterable(withGap)))
                    .expectComplete().verify(TIMEOUT);
            StoreStream<Frame> cam = store.stream("cam", StreamType.h264());
            List<Long> ids = new ArrayList<>();
            StepVerifier.create(cam.read())
                    .thenConsumeWhile(s -> {
                        ids.add(s.value().id());
                        s.value().release();
                        return true;
                    })
                    .expectComplete().verify(TIMEOUT);
            List<Long> expected = new ArrayList<>();
            for (long i = 0; i < 60; i++) {
                if (i < 10 || i >= 30) {
                    expected.add(i);
                }
            }
            assertThat(ids).as("the decoder's frame ids (encoder seq)").isEqualTo(expected);
            assertThat(cam.stats().undecodable()).isEqualTo(15);
            // a seek into the damaged GOP finds nothing decodable; one after the next keyframe works
            StepVerifier.create(cam.at(12)).expectComplete().verify(TIMEOUT);
            StepVerifier.create(cam.at(30).map(s -> {
                s.value().release();
                return s.value().id();
            })).expectNext(35L).expectComplete().verify(TIMEOUT);
        }
    }

    @Test
    void theUndecodedViewReadsAnyStreamButCreatesAndRecordsNothing() {
        List<EncodedFrame> units = encode(5);
        try (Store store = Store.open(dir.resolve("s.db"))) {
            StepVerifier.create(store.stream("cam", StreamType.h264AccessUnits()).record(Flux.fromIterable(units)))
                    .expectComplete().verify(TIMEOUT);
            StoreStream<byte[]> raw = store.stream("cam", StreamType.undecoded());
            java.util.HexFormat hex = java.util.HexFormat.of();
            StepVerifier.create(raw.read().map(s -> hex.formatHex(s.value())))
                    .expectNextSequence(units.stream().map(u -> hex.formatHex(u.data())).toList())
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(raw.record(Flux.just(new byte[] {0, 0, 1})))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(StoreException.class)
                            .hasMessageContaining("undecoded"))
                    .verify(TIMEOUT);
            assertThatThrownBy(() -> store.stream("nothing", StreamType.undecoded()))
                    .isInstanceOf(NoSuchStreamException.class);
            assertThat(store.streams()).hasSize(1);
        }
    }

    @Test
    void cancelledAndFinishedReadsGiveTheirConnectionsBack() {
        try (Store store = Store.open(dir.resolve("s.db"))) {
            StoreStream<Frame> cam = store.stream("cam", StreamType.h264());
            StepVerifier.create(cam.record(Flux.fromIterable(TestFrames.frames(70, RoundTripTest.T0, 33))))
                    .expectComplete().verify(TIMEOUT);
            for (int i = 0; i < 20; i++) {
                StepVerifier.create(cam.read(), 0)
                        .thenRequest(1)
                        .consumeNextWith(s -> s.value().release())
                        .thenCancel()
                        .verify(TIMEOUT);
                StepVerifier.create(cam.at(i * 3L).map(s -> {
                    s.value().release();
                    return s.seq();
                })).expectNext(i * 3L).expectComplete().verify(TIMEOUT);
            }
            StepVerifier.create(Flux.interval(Duration.ofMillis(2))
                            .map(t -> store.database().borrowedReaders())
                            .filter(n -> n == 0)
                            .next())
                    .expectNext(0)
                    .expectComplete()
                    .verify(TIMEOUT);
        }
    }

    @Test
    void readsWaitForDemand() {
        try (Store store = Store.open(dir.resolve("s.db"))) {
            StoreStream<byte[]> s = store.stream("b", StreamType.bytes());
            StepVerifier.create(s.record(Flux.range(0, 500).map(i -> new byte[] {i.byteValue()})))
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(s.read(), 0)
                    .expectSubscription()
                    .expectNoEvent(Duration.ofMillis(50))
                    .thenRequest(3)
                    .expectNextCount(3)
                    .expectNoEvent(Duration.ofMillis(50))
                    .thenRequest(Long.MAX_VALUE)
                    .expectNextCount(497)
                    .expectComplete()
                    .verify(TIMEOUT);
        }
    }
}
