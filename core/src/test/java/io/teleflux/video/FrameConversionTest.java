package io.teleflux.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameConversionTest {

    private static final int[][] COLOURS = {
            {255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}, {0, 0, 0}, {128, 128, 128},
            {255, 255, 0}, {0, 255, 255}, {255, 0, 255}, {200, 100, 50}};

    static Frame frame(PixelFormat format, int width, int height, int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return Frame.wrap(FrameInfo.of(format, width, height), ByteBuffer.wrap(data));
    }

    static int[] bytes(Frame frame) {
        ByteBuffer data = frame.data();
        int[] out = new int[data.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.get(i) & 0xFF;
        }
        return out;
    }

    private static Frame flat(PixelFormat format, int width, int height, int... pixel) {
        int[] bytes = new int[width * height * pixel.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = pixel[i % pixel.length];
        }
        return frame(format, width, height, bytes);
    }

    @Test
    void flatColoursSurviveARoundTripThroughI420AndNv12WithinTwoPerChannel() {
        for (PixelFormat yuv : new PixelFormat[] {PixelFormat.I420, PixelFormat.NV12}) {
            for (int[] colour : COLOURS) {
                try (Frame rgb = flat(PixelFormat.RGB24, 4, 4, colour);
                     Frame encoded = Frames.convert(rgb, yuv);
                     Frame back = Frames.convert(encoded, PixelFormat.RGB24)) {
                    int[] out = bytes(back);
                    for (int i = 0; i < out.length; i++) {
                        assertThat(out[i]).as("%s %s channel %d", yuv, Arrays.toString(colour), i % 3)
                                .isCloseTo(colour[i % 3], within(2));
                    }
                }
            }
        }
    }

    @Test
    void i420UsesBt601LimitedRange() {
        try (Frame white = Frames.convert(flat(PixelFormat.RGBA, 2, 2, 255, 255, 255, 255), PixelFormat.I420);
             Frame black = Frames.convert(flat(PixelFormat.BGR24, 2, 2, 0, 0, 0), PixelFormat.I420);
             Frame red = Frames.convert(flat(PixelFormat.RGB24, 2, 2, 255, 0, 0), PixelFormat.I420);
             Frame blue = Frames.convert(flat(PixelFormat.BGRA, 2, 2, 255, 0, 0, 255), PixelFormat.I420)) {
            assertThat(bytes(white)).containsExactly(235, 235, 235, 235, 128, 128);
            assertThat(bytes(black)).containsExactly(16, 16, 16, 16, 128, 128);
            assertThat(bytes(red)).containsExactly(82, 82, 82, 82, 90, 240);
            assertThat(bytes(blue)).containsExactly(41, 41, 41, 41, 240, 110);
        }
    }

    @Test
    void yuvDecodesToOpaqueRgba() {
        try (Frame rgba = Frames.convert(frame(PixelFormat.I420, 1, 1, 235, 128, 128), PixelFormat.RGBA)) {
            assertThat(bytes(rgba)).containsExactly(255, 255, 255, 255);
        }
    }

    @Test
    void gray16IsScaledByShiftingNotTruncated() {
        ByteBuffer le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        le.putShort((short) 0xFFFF).putShort((short) 0x0100).putShort((short) 0x00FF).putShort((short) 0x1234).flip();
        try (Frame gray16 = Frame.wrap(FrameInfo.of(PixelFormat.GRAY16, 4, 1), le);
             Frame rgba = Frames.convert(gray16, PixelFormat.RGBA)) {
            assertThat(bytes(rgba)).containsExactly(
                    0xFF, 0xFF, 0xFF, 0xFF,
                    0x01, 0x01, 0x01, 0xFF,
                    0x00, 0x00, 0x00, 0xFF,
                    0x12, 0x12, 0x12, 0xFF);
        }
    }

    @Test
    void floatDepthIsClippedToUnitRangeThenScaledAndRounded() {
        float[] depths = {-1f, 2f, 0.5f, 0f, 1f, Float.NaN, Float.POSITIVE_INFINITY, 0.1f};
        ByteBuffer le = ByteBuffer.allocateDirect(depths.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float d : depths) {
            le.putFloat(d);
        }
        le.flip();
        try (Frame depth = Frame.wrap(FrameInfo.of(PixelFormat.DEPTH32F, depths.length, 1), le);
             Frame gray = Frames.convert(depth, PixelFormat.RGB24)) {
            assertThat(bytes(gray)).containsExactly(
                    0, 0, 0, 255, 255, 255, 128, 128, 128, 0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255, 26, 26, 26);
        }
    }

    @Test
    void grayIsReplicatedAndAlphaIsOpaque() {
        try (Frame rgba = Frames.convert(frame(PixelFormat.GRAY8, 2, 1, 7, 200), PixelFormat.RGBA)) {
            assertThat(bytes(rgba)).containsExactly(7, 7, 7, 255, 200, 200, 200, 255);
        }
    }

    @Test
    void bgrChannelsAreSwappedAndAlphaIsKeptOrMadeOpaque() {
        try (Frame fromBgr = Frames.convert(frame(PixelFormat.BGR24, 1, 1, 1, 2, 3), PixelFormat.RGBA);
             Frame fromBgra = Frames.convert(frame(PixelFormat.BGRA, 1, 1, 1, 2, 3, 4), PixelFormat.RGBA);
             Frame fromRgb = Frames.convert(frame(PixelFormat.RGB24, 1, 1, 1, 2, 3), PixelFormat.RGBA);
             Frame toBgra = Frames.convert(frame(PixelFormat.RGBA, 1, 1, 1, 2, 3, 4), PixelFormat.BGRA);
             Frame toBgr = Frames.convert(frame(PixelFormat.RGBA, 1, 1, 1, 2, 3, 4), PixelFormat.BGR24)) {
            assertThat(bytes(fromBgr)).containsExactly(3, 2, 1, 255);
            assertThat(bytes(fromBgra)).containsExactly(3, 2, 1, 4);
            assertThat(bytes(fromRgb)).containsExactly(1, 2, 3, 255);
            assertThat(bytes(toBgra)).containsExactly(3, 2, 1, 4);
            assertThat(bytes(toBgr)).containsExactly(3, 2, 1);
        }
    }

    @Test
    void i420AndNv12ConvertLosslesslyBothWaysAtOddSizes() {
        byte[] random = new byte[PixelFormat.I420.bufferSize(5, 3)];
        new Random(42).nextBytes(random);
        try (Frame i420 = Frame.wrap(FrameInfo.of(PixelFormat.I420, 5, 3), ByteBuffer.wrap(random));
             Frame nv12 = Frames.convert(i420, PixelFormat.NV12);
             Frame back = Frames.convert(nv12, PixelFormat.I420)) {
            int[] in = bytes(i420);
            int[] semi = bytes(nv12);
            // chroma is 3x2: U at 15..20, V at 21..26 in I420; interleaved U,V at 15..26 in NV12
            assertThat(semi[15]).isEqualTo(in[15]);
            assertThat(semi[16]).isEqualTo(in[21]);
            assertThat(semi[26]).isEqualTo(in[26]);
            assertThat(bytes(back)).containsExactly(in);
        }
    }

    @Test
    void oddSizesConvertToI420WithRoundedUpChromaPlanes() {
        try (Frame rgb = flat(PixelFormat.RGB24, 3, 3, 255, 255, 255);
             Frame i420 = Frames.convert(rgb, PixelFormat.I420);
             Frame back = Frames.convert(i420, PixelFormat.RGB24)) {
            assertThat(i420.data().remaining()).isEqualTo(17);
            assertThat(bytes(back)).containsOnly(255);
        }
    }

    @Test
    void conversionKeepsMetadataAndLeavesTheSourceReferenceAlone() {
        Instant ts = Instant.parse("2026-03-04T05:06:07Z");
        Frame source = Frame.wrap(FrameInfo.of(PixelFormat.RGB24, 2, 2).withId(9).withTimestamp(ts)
                .withFrameId("cam"), ByteBuffer.allocate(12));
        Frame converted = Frames.convert(source, PixelFormat.I420);

        assertThat(converted).isNotSameAs(source);
        assertThat(converted.info()).isEqualTo(source.info().withFormat(PixelFormat.I420));
        assertThat(converted.refCount()).isEqualTo(1);
        assertThat(source.refCount()).isEqualTo(1);
        converted.release();
        source.release();
    }

    @Test
    void convertingToTheSameFormatReturnsTheFrameRetained() {
        Frame source = frame(PixelFormat.GRAY8, 1, 1, 5);
        Frame same = Frames.convert(source, PixelFormat.GRAY8);
        assertThat(same).isSameAs(source);
        assertThat(source.refCount()).isEqualTo(2);
        same.release();
        source.release();
    }

    @Test
    void convertingToGrayOrDepthIsRejectedWithBothFormatsInTheMessage() {
        Frame rgb = frame(PixelFormat.RGB24, 1, 1, 1, 2, 3);
        assertThatThrownBy(() -> Frames.convert(rgb, PixelFormat.GRAY16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot convert RGB24 to GRAY16");
        assertThat(rgb.refCount()).isEqualTo(1);
    }

    @Test
    void cropToEvenDropsTheLastColumnAndRowOfPackedFrames() {
        int[] pixels = new int[3 * 3 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i;
        }
        try (Frame odd = frame(PixelFormat.RGB24, 3, 3, pixels); Frame even = Frames.cropToEven(odd)) {
            assertThat(even.width()).isEqualTo(2);
            assertThat(even.height()).isEqualTo(2);
            assertThat(bytes(even)).containsExactly(0, 1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 14);
        }
    }

    @Test
    void cropToEvenDropsTheLastColumnAndRowOfYuvPlanes() {
        int[] i420 = new int[PixelFormat.I420.bufferSize(5, 3)];
        for (int i = 0; i < i420.length; i++) {
            i420[i] = i;
        }
        // Y 5x3 at 0..14, U 3x2 at 15..20, V 3x2 at 21..26 → Y 4x2, U 2x1, V 2x1
        try (Frame odd = frame(PixelFormat.I420, 5, 3, i420);
             Frame even = Frames.cropToEven(odd);
             Frame nv12 = Frames.convert(odd, PixelFormat.NV12);
             Frame evenNv12 = Frames.cropToEven(nv12)) {
            assertThat(bytes(even)).containsExactly(0, 1, 2, 3, 5, 6, 7, 8, 15, 16, 21, 22);
            assertThat(bytes(evenNv12)).containsExactly(0, 1, 2, 3, 5, 6, 7, 8, 15, 21, 16, 22);
        }
    }

    @Test
    void cropToEvenOfAnEvenFrameReturnsTheSameFrameRetained() {
        Frame even = flat(PixelFormat.RGBA, 4, 2, 1, 2, 3, 4);
        Frame cropped = Frames.cropToEven(even);
        assertThat(cropped).isSameAs(even);
        assertThat(even.refCount()).isEqualTo(2);
        cropped.release();
        even.release();
        assertThat(even.refCount()).isZero();
    }

    @Test
    void cropToEvenRejectsADimensionOfOne() {
        assertThatThrownBy(() -> Frames.cropToEven(frame(PixelFormat.GRAY8, 1, 3, 1, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1x3");
    }
}
