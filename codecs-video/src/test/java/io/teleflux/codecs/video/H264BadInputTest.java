package io.teleflux.codecs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import io.teleflux.video.VideoCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Bad input through the decode pipeline: counted drops, nothing decoded across a gap, the subscriber lives on. */
class H264BadInputTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Decodes {@code aus} through {@link H264#decode} and returns the ids (= seq) of the emitted pictures. */
    private static List<Long> decodedSeqs(List<EncodedFrame> aus, H264DecodeOptions options) {
        List<Long> seqs = new ArrayList<>();
        StepVerifier.create(H264.decode(Flux.fromIterable(aus), options).map(frame -> {
                    long id = frame.id();
                    frame.release();
                    return id;
                }))
                .recordWith(() -> seqs)
                .thenConsumeWhile(x -> true)
                .expectComplete()
                .verify(TIMEOUT);
        return seqs;
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void cleanStreamDecodesEveryAccessUnit() {
        H264DecodeOptions options = H264DecodeOptions.defaults();
        assertThat(decodedSeqs(TestStreams.small(), options)).isEqualTo(range(0, 90));
        assertThat(options.stats().dropped()).isZero();
        assertThat(options.stats().decoded()).isEqualTo(90);
    }

    @Test
    void streamStartingOnDeltaWaitsForKeyframeAndRequestsOneOnce() {
        AtomicInteger requests = new AtomicInteger();
        H264DecodeOptions options = H264DecodeOptions.defaults().withKeyframeRequests(requests::incrementAndGet);
        assertThat(decodedSeqs(TestStreams.small().subList(5, 90), options)).isEqualTo(range(30, 90));
        assertThat(options.stats().droppedWaitingForKeyframe()).isEqualTo(25);
        assertThat(requests).hasValue(1);
        assertThat(options.stats().keyframeRequests()).isEqualTo(1);
    }

    @Test
    void gapDropsTheRestOfTheGop() {
        List<EncodedFrame> aus = new ArrayList<>(TestStreams.small());
        aus.subList(10, 15).clear();
        H264DecodeOptions options = H264DecodeOptions.defaults();
        assertThat(decodedSeqs(aus, options)).isEqualTo(concat(range(0, 10), range(30, 90)));
        assertThat(options.stats().droppedWaitingForKeyframe()).isEqualTo(15);
    }

    @Test
    void duplicatedAccessUnitInvalidatesTheGop() {
        List<EncodedFrame> aus = new ArrayList<>(TestStreams.small());
        aus.add(13, aus.get(12));
        assertThat(decodedSeqs(aus, H264DecodeOptions.defaults())).isEqualTo(concat(range(0, 13), range(30, 90)));
    }

    @Test
    void outOfOrderAccessUnitsInvalidateTheGop() {
        List<EncodedFrame> aus = new ArrayList<>(TestStreams.small());
        EncodedFrame twelve = aus.remove(12);
        aus.add(13, twelve);
        assertThat(decodedSeqs(aus, H264DecodeOptions.defaults())).isEqualTo(concat(range(0, 12), range(30, 90)));
    }

    @Test
    void deltaWithForeignKeyframeSeqIsRefused() {
        List<EncodedFrame> aus = new ArrayList<>(TestStreams.small());
        EncodedFrame p = aus.get(40);
        aus.set(40, new EncodedFrame(VideoCodec.H264, 40, false, 0, p.pts(), p.width(), p.height(), p.data()));
        assertThat(decodedSeqs(aus, H264DecodeOptions.defaults())).isEqualTo(concat(range(0, 40), range(60, 90)));
    }

    @Test
    void corruptedDeltaIsNeverFollowedByConcealedPictures() {
        List<EncodedFrame> aus = new ArrayList<>(TestStreams.small());
        byte[] data = aus.get(12).data().clone();
        for (int i = data.length / 3; i < data.length / 3 + 20 && i < data.length; i++) {
            data[i] ^= (byte) 0xA5;
        }
        aus.set(12, TestStreams.withData(aus.get(12), data));
        H264DecodeOptions options = H264DecodeOptions.defaults();
        List<Long> seqs = decodedSeqs(aus, options);
        assertThat(seqs).containsAll(range(0, 12)).containsAll(range(30, 90));
        assertThat(seqs).as("nothing after the damage until the next IDR").noneMatch(s -> s >= 12 && s < 30);
        assertThat(options.stats().droppedDamaged() + options.stats().droppedInvalid()).isEqualTo(1);
    }

    @Test
    void corruptedIdrDropsItsWholeGop() {
        List<EncodedFrame> aus = new ArrayList<>(TestStreams.small());
        byte[] data = aus.get(30).data().clone();
        for (int i = data.length / 2; i < data.length / 2 + 20; i++) {
            data[i] ^= (byte) 0xFF;
        }
        aus.set(30, TestStreams.withData(aus.get(30), data));
        List<Long> seqs = decodedSeqs(aus, H264DecodeOptions.defaults());
        assertThat(seqs).isEqualTo(concat(range(0, 30), range(60, 90)));
    }

    @Test
    void truncatedAccessUnitDropsTheRestOfTheGop() {
        List<EncodedFrame> aus = new ArrayList<>(TestStreams.small());
        EncodedFrame p = aus.get(45);
        aus.set(45, TestStreams.withData(p, Arrays.copyOf(p.data(), p.data().length / 2)));
        List<Long> seqs = decodedSeqs(aus, H264DecodeOptions.defaults());
        assertThat(seqs).isEqualTo(concat(range(0, 45), range(60, 90)));
    }

    @Test
    void randomBytesAfterAStartCodeAreRejected() {
        List<EncodedFrame> aus = new ArrayList<>(TestStreams.small());
        byte[] garbage = new byte[1000];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0;
        garbage[1] = 0;
        garbage[2] = 0;
        garbage[3] = 1;
        aus.set(20, TestStreams.withData(aus.get(20), garbage));
        H264DecodeOptions options = H264DecodeOptions.defaults();
        assertThat(decodedSeqs(aus, options)).isEqualTo(concat(range(0, 20), range(30, 90)));
        assertThat(options.stats().dropped()).isEqualTo(10);
    }

    @Test
    void emptyOrStartCodeLessAccessUnitsCannotEvenBeConstructed() {
        assertThatThrownBy(() -> EncodedFrame.keyframe(VideoCodec.H264, 0, 0, 16, 16, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EncodedFrame.keyframe(VideoCodec.H264, 0, 0, 16, 16, new byte[] {1, 2, 3, 4}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainDecoderThrowsTypedExceptionsAndRecoversAtTheNextKeyframe() {
        List<EncodedFrame> aus = TestStreams.small();
        try (H264Decoder decoder = H264Decoder.open()) {
            assertThat(decoder.awaitingKeyframe()).isTrue();
            assertThatThrownBy(() -> decoder.decode(aus.get(3))).isInstanceOf(MissingKeyframeException.class);
            byte[] garbage = new byte[200];
            new Random(1).nextBytes(garbage);
            garbage[0] = 0;
            garbage[1] = 0;
            garbage[2] = 1;
            garbage[3] = 0x65; // claims to be an IDR slice
            EncodedFrame bad = TestStreams.withData(aus.get(0), garbage);
            assertThatThrownBy(() -> decoder.decode(bad)).isInstanceOf(VideoDecodingException.class)
                    .satisfies(e -> assertThat(((VideoDecodingException) e).ffmpegError() != 0
                            || e instanceof DamagedFrameException).isTrue());
            assertThat(decoder.awaitingKeyframe()).isTrue();
            assertThatThrownBy(() -> decoder.decode(aus.get(1))).isInstanceOf(MissingKeyframeException.class);
            decoder.decode(aus.get(30)).ifPresentOrElse(Frame::release, () -> {
                throw new AssertionError("no picture at the IDR");
            });
            decoder.decode(aus.get(31)).ifPresent(Frame::release);
            decoder.reset();
            assertThatThrownBy(() -> decoder.decode(aus.get(32))).isInstanceOf(MissingKeyframeException.class);
            decoder.decode(aus.get(0)).ifPresent(Frame::release);
            assertThat(decoder.awaitingKeyframe()).isFalse();
        }
    }

    @Test
    void failingKeyframeCallbackDoesNotKillTheSubscriber() {
        H264DecodeOptions options = H264DecodeOptions.defaults().withKeyframeRequests(() -> {
            throw new IllegalStateException("boom");
        });
        assertThat(decodedSeqs(TestStreams.small().subList(1, 90), options)).isEqualTo(range(30, 90));
    }
}
