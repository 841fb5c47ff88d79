package io.teleflux.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.PoseStamped;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import io.teleflux.codecs.video.H264Encoder;
import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class RoundTripTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path dir;

    static TwistStamped twist(int i) {
        return TwistStamped.of(i, 1000 + i, 0, "base", new Vector3(i * 0.5, 0, 0), new Vector3(0, 0, -i));
    }

    @Test
    void lcmMessagesRoundTripExactlyWithTimestampsAndTags() {
        try (Store store = Store.open(dir.resolve("s.db"))) {
            StoreStream<TwistStamped> cmds = store.stream("cmd", StreamType.messages(TwistStamped.TYPE));
            List<Entry<TwistStamped>> entries = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                entries.add(new Entry<>(T0.plusMillis(10L * i), twist(i),
                        i % 10 == 0 ? Map.of("mark", "ten") : Map.of()));
            }
            StepVerifier.create(cmds.recordEntries(Flux.fromIterable(entries), RecordOptions.WAIT))
                    .expectComplete().verify(TIMEOUT);

            StepVerifier.create(cmds.read().map(s -> s.value()).collectList())
                    .assertNext(list -> assertThat(list).isEqualTo(entries.stream().map(Entry::value).toList()))
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(cmds.read().map(Stored::timestamp).collectList())
                    .assertNext(ts -> assertThat(ts).isEqualTo(entries.stream().map(Entry::timestamp).toList()))
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(cmds.read(Query.between(T0.plusMillis(500), T0.plusMillis(600))).map(Stored::seq))
                    .expectNext(50L, 51L, 52L, 53L, 54L, 55L, 56L, 57L, 58L, 59L)
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(cmds.read(Query.tagged("mark", "ten")).map(Stored::seq).collectList())
                    .assertNext(seqs -> assertThat(seqs).containsExactly(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L,
                            80L, 90L, 100L, 110L, 120L, 130L, 140L, 150L, 160L, 170L, 180L, 190L))
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(cmds.read(Query.tagged("mark", "ten")).next().map(Stored::tags))
                    .expectNext(Map.of("mark", "ten"))
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(cmds.read(Query.latest(3)).map(Stored::value))
                    .expectNext(twist(197), twist(198), twist(199))
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(cmds.read(Query.tagged("mark", "ten").withLatest(2)).map(Stored::seq))
                    .expectNext(180L, 190L)
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(cmds.at(123).map(Stored::value))
                    .expectNext(twist(123))
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(cmds.at(200)).expectComplete().verify(TIMEOUT);
            assertThat(cmds.info().count()).isEqualTo(200);
            assertThat(cmds.info().duration()).isEqualTo(Duration.ofMillis(1990));
            assertThat(cmds.stats().written()).isEqualTo(200);
        }
    }

    @Test
    void appendingAfterReopenContinuesTheSequence() {
        Path file = dir.resolve("s.db");
        try (Store store = Store.open(file)) {
            StepVerifier.create(store.stream("b", StreamType.bytes()).record(Flux.just(new byte[] {1}, new byte[] {2})))
                    .expectComplete().verify(TIMEOUT);
        }
        try (Store store = Store.open(file)) {
            StoreStream<byte[]> b = store.stream("b", StreamType.bytes());
            StepVerifier.create(b.record(Flux.just(new byte[] {3}, new byte[0]))).expectComplete().verify(TIMEOUT);
            StepVerifier.create(b.read().map(s -> s.seq() + ":" + Arrays.toString(s.value())))
                    .expectNext("0:[1]", "1:[2]", "2:[3]", "3:[]")
                    .expectComplete().verify(TIMEOUT);
        }
    }

    @Test
    void jsonControlMessagesRoundTrip() {
        try (Store store = Store.open(dir.resolve("s.db"))) {
            StoreStream<ControlMessage> s = store.stream("state", StreamType.messages(ControlMessages.TYPE));
            List<ControlMessage> msgs = new ArrayList<>();
            Flux.just("{\"type\":\"ping\",\"nonce\":1,\"t\":1.5}", "{\"type\":\"estop\"}")
                    .map(j -> ControlMessages.TYPE.decode(j.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .subscribe(msgs::add);
            StepVerifier.create(s.record(Flux.fromIterable(msgs))).expectComplete().verify(TIMEOUT);
            StepVerifier.create(s.read().map(Stored::value)).expectNextSequence(msgs).expectComplete().verify(TIMEOUT);
        }
    }

    @Test
    void reopeningWithAnotherTypeIsATypedError() {
        Path file = dir.resolve("s.db");
        try (Store store = Store.open(file)) {
            store.stream("cmd", StreamType.messages(TwistStamped.TYPE));
            store.stream("cam", StreamType.jpeg());
            assertThatThrownBy(() -> store.stream("cmd", StreamType.messages(PoseStamped.TYPE)))
                    .isInstanceOf(StreamTypeMismatchException.class)
                    .hasMessageContaining("geometry_msgs.TwistStamped");
        }
        try (Store store = Store.open(file)) {
            assertThatThrownBy(() -> store.stream("cmd", StreamType.bytes()))
                    .isInstanceOf(StreamTypeMismatchException.class);
            assertThatThrownBy(() -> store.stream("cam", StreamType.h264()))
                    .isInstanceOf(StreamTypeMismatchException.class)
                    .hasMessageContaining("jpeg");
            assertThat(store.streams()).extracting(StreamInfo::name, StreamInfo::codec)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("cam", "jpeg"),
                            org.assertj.core.groups.Tuple.tuple("cmd", "lcm"));
        }
    }

    @ParameterizedTest
    @EnumSource(JpegOptions.Library.class)
    void jpegFramesComeBackWithinPsnrAndTimestamps(JpegOptions.Library library) {
        List<Frame> source = TestFrames.frames(20, T0, 66);
        try (Store store = Store.open(dir.resolve("s.db"))) {
            StoreStream<Frame> cam = store.stream("cam", StreamType.jpeg(JpegOptions.DEFAULTS.withQuality(90)
                    .withLibrary(library)));
            StepVerifier.create(cam.record(Flux.fromIterable(source).map(Frame::retain)))
                    .expectComplete().verify(TIMEOUT);
            assertThat(source).allMatch(f -> f.refCount() == 1); // the recorder released its reference
            List<Stored<Frame>> back = cam.read().collectList().block(TIMEOUT);
            assertThat(back).hasSize(20);
            for (int i = 0; i < 20; i++) {
                Stored<Frame> s = back.get(i);
                assertThat(s.timestamp()).isEqualTo(source.get(i).timestamp());
                assertThat(TestFrames.psnr(source.get(i), s.value())).isGreaterThan(30.0);
                s.value().release();
            }
        }
        source.forEach(Frame::release);
    }

    @Test
    void h264FramesComeBackWithinPsnrAndReadAsAccessUnits() {
        List<Frame> source = TestFrames.frames(45, T0, 66);
        try (Store store = Store.open(dir.resolve("s.db"))) {
            StoreStream<Frame> cam = store.stream("cam", StreamType.h264());
            StepVerifier.create(cam.record(Flux.fromIterable(source).map(Frame::retain)))
                    .expectComplete().verify(TIMEOUT);
            List<Stored<Frame>> back = cam.read().collectList().block(TIMEOUT);
            assertThat(back).hasSize(45);
            for (int i = 0; i < 45; i++) {
                assertThat(back.get(i).timestamp()).isEqualTo(source.get(i).timestamp());
                assertThat(TestFrames.psnr(source.get(i), back.get(i).value())).isGreaterThan(30.0);
                back.get(i).value().release();
            }
            StoreStream<EncodedFrame> aus = store.stream("cam", StreamType.h264AccessUnits());
            List<EncodedFrame> units = aus.read().map(Stored::value).collectList().block(TIMEOUT);
            assertThat(units).extracting(EncodedFrame::seq).containsExactlyElementsOf(
                    java.util.stream.LongStream.range(0, 45).boxed().toList());
            assertThat(units).filteredOn(EncodedFrame::keyframe).extracting(EncodedFrame::seq)
                    .containsExactly(0L, 30L);
            assertThat(cam.info().keyframes()).isEqualTo(2);
        }
        source.forEach(Frame::release);
    }

    @Test
    void preEncodedAccessUnitsRoundTripExactly() {
        List<EncodedFrame> units = new ArrayList<>();
        try (H264Encoder encoder = H264Encoder.open()) {
            for (Frame f : TestFrames.frames(40, T0, 33)) {
                units.add(encoder.encode(f));
                f.release();
            }
        }
        try (Store store = Store.open(dir.resolve("s.db"))) {
            StoreStream<EncodedFrame> s = store.stream("au", StreamType.h264AccessUnits());
            StepVerifier.create(s.record(Flux.fromIterable(units))).expectComplete().verify(TIMEOUT);
            StepVerifier.create(s.read().map(Stored::value)).expectNextSequence(units).expectComplete().verify(TIMEOUT);
            assertThat(s.info().bytes()).isEqualTo(units.stream().mapToLong(EncodedFrame::size).sum());
        }
    }
}
