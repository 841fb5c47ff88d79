package io.teleflux.codecs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import io.teleflux.video.Frames;
import io.teleflux.video.PixelFormat;
import io.teleflux.video.VideoCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class H264RoundTripTest {

    @Test
    void oneAccessUnitPerFrameWithIdrEveryThirtyAndParameterSetsInEachIdr() {
        List<Frame> frames = TestFrames.sequence(320, 240, 95);
        try (H264Encoder encoder = H264Encoder.open()) {
            // AUTO: libx264 with the GPL natives (the module's default), OpenH264 with the LGPL ones
            assertThat(encoder.implementation()).isEqualTo(Ffmpeg.encoder("libx264") != null
                    ? H264Implementation.X264 : H264Implementation.OPENH264);
            for (int i = 0; i < frames.size(); i++) {
                EncodedFrame au = encoder.encode(frames.get(i));
                assertThat(au.seq()).isEqualTo(i);
                assertThat(au.keyframe()).as("keyframe at %d", i).isEqualTo(i % 30 == 0);
                assertThat(au.keyframeSeq()).isEqualTo(i / 30 * 30L);
                assertThat(au.pts()).isEqualTo(i * 3000L);
                List<Integer> nals = AnnexB.nalTypes(au.data());
                if (au.keyframe()) {
                    assertThat(nals).contains(AnnexB.NAL_SPS, AnnexB.NAL_PPS, AnnexB.NAL_IDR);
                    assertThat(au.data()[4] & 0xFF).isEqualTo(0x67);
                    // profile_idc 66 (baseline), constraint_set1 (constrained); level 3.1 (OpenH264 picks its own)
                    assertThat(new int[] {au.data()[5] & 0xFF, au.data()[6] & 0x40}).containsExactly(0x42, 0x40);
                    if (encoder.implementation() == H264Implementation.X264) {
                        assertThat(au.data()[7] & 0xFF).isEqualTo(31);
                    }
                } else {
                    assertThat(nals).containsOnly(AnnexB.NAL_SLICE);
                }
            }
        } finally {
            frames.forEach(Frame::release);
        }
        assertThat(Ffmpeg.liveNativeObjects()).isZero();
    }

    @Test
    void requestedKeyframeIsAnIdrAndRestartsTheGop() {
        List<Frame> frames = TestFrames.sequence(160, 120, 12);
        try (H264Encoder encoder = H264Encoder.open()) {
            List<EncodedFrame> out = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                if (i == 7) {
                    encoder.requestKeyframe();
                }
                out.add(encoder.encode(frames.get(i)));
            }
            assertThat(out.get(7).keyframe()).isTrue();
            assertThat(AnnexB.nalTypes(out.get(7).data())).contains(AnnexB.NAL_SPS, AnnexB.NAL_PPS);
            assertThat(out.get(8).keyframeSeq()).isEqualTo(7);
            assertThat(out.get(6).keyframeSeq()).isZero();
        } finally {
            frames.forEach(Frame::release);
        }
    }

    @Test
    void syntheticRoundTripStaysAbove35Db() {
        List<Frame> frames = TestFrames.sequence(320, 240, 40);
        try (H264Encoder encoder = H264Encoder.open(); H264Decoder decoder = H264Decoder.open()) {
            for (Frame frame : frames) {
                Optional<Frame> decoded = decoder.decode(encoder.encode(frame));
                assertThat(decoded).isPresent();
                try (Frame out = decoded.get()) {
                    assertThat(out.format()).isEqualTo(PixelFormat.I420);
                    assertThat(out.width()).isEqualTo(320);
                    assertThat(TestFrames.lumaPsnr(frame, out)).isGreaterThan(35);
                }
            }
        } finally {
            frames.forEach(Frame::release);
        }
    }

    @Test
    void vtestRoundTripKeepsQualityAboveThirtyDb() {
        assumeTrue(Vtest.available(), "vtest.avi missing");
        List<Frame> frames = Vtest.frames(60);
        assertThat(frames).hasSize(60);
        double sum = 0;
        try (H264Encoder encoder = H264Encoder.open(); H264Decoder decoder = H264Decoder.open()) {
            for (Frame frame : frames) {
                try (Frame out = decoder.decode(encoder.encode(frame)).orElseThrow()) {
                    double psnr = TestFrames.lumaPsnr(frame, out);
                    assertThat(psnr).isGreaterThan(30);
                    sum += psnr;
                }
            }
        } finally {
            frames.forEach(Frame::release);
        }
        assertThat(sum / 60).isGreaterThan(34);
    }

    @Test
    void anyPixelFormatAndOddSizesAreConvertedAndCropped() {
        Frame i420 = TestFrames.synthetic(161, 121, 0);
        Frame rgb = Frames.convert(i420, PixelFormat.BGR24);
        try (H264Encoder encoder = H264Encoder.open(); H264Decoder decoder = H264Decoder.open()) {
            EncodedFrame au = encoder.encode(rgb);
            assertThat(au.width()).isEqualTo(160);
            assertThat(au.height()).isEqualTo(120);
            try (Frame out = decoder.decode(au).orElseThrow()) {
                assertThat(out.width()).isEqualTo(160);
            }
            assertThat(rgb.refCount()).as("the caller keeps its reference").isEqualTo(1);
        } finally {
            i420.release();
            rgb.release();
        }
    }

    @Test
    void sizeChangeRestartsWithAnIdr() {
        Frame small = TestFrames.synthetic(160, 120, 0);
        Frame big = TestFrames.synthetic(320, 240, 1);
        try (H264Encoder encoder = H264Encoder.open()) {
            encoder.encode(small);
            EncodedFrame second = encoder.encode(small);
            EncodedFrame third = encoder.encode(big);
            assertThat(second.keyframe()).isFalse();
            assertThat(third.keyframe()).isTrue();
            assertThat(third.seq()).isEqualTo(2);
            assertThat(third.width()).isEqualTo(320);
        } finally {
            small.release();
            big.release();
        }
    }

    @Test
    void openH264IsSelectableAndDecodes() {
        H264EncoderOptions options = H264EncoderOptions.defaults().withImplementation(H264Implementation.OPENH264);
        List<Frame> frames = TestFrames.sequence(320, 240, 31);
        try (H264Encoder encoder = H264Encoder.open(options); H264Decoder decoder = H264Decoder.open()) {
            assertThat(encoder.implementation()).isEqualTo(H264Implementation.OPENH264);
            for (int i = 0; i < frames.size(); i++) {
                EncodedFrame au = encoder.encode(frames.get(i));
                assertThat(au.keyframe()).isEqualTo(i % 30 == 0);
                try (Frame out = decoder.decode(au).orElseThrow()) {
                    assertThat(TestFrames.lumaPsnr(frames.get(i), out)).isGreaterThan(30);
                }
            }
        } finally {
            frames.forEach(Frame::release);
        }
    }

    @Test
    void closedCodecsRefuseWork() {
        Frame frame = TestFrames.synthetic(64, 64, 0);
        H264Encoder encoder = H264Encoder.open();
        EncodedFrame au = encoder.encode(frame);
        encoder.close();
        encoder.close();
        H264Decoder decoder = H264Decoder.open();
        decoder.close();
        assertThatThrownBy(() -> encoder.encode(frame)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> decoder.decode(au)).isInstanceOf(IllegalStateException.class);
        frame.release();
        assertThat(au.codec()).isEqualTo(VideoCodec.H264);
    }
}
