package io.teleflux.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.LatencyStamp;
import io.teleflux.video.PixelFormat;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The 22-bit luma stamp (core {@code io.teleflux.video.LatencyStamp}; kept here until core's tests take it). */
class LatencyStampTest {

    @Test
    void aDrawnStampReadsBackModulo2To22EvenUnderNoise() {
        long now = 1_763_700_000_123L;
        byte[] luma = new byte[640 * 480];
        LatencyStamp.draw(ByteBuffer.wrap(luma), 640, 640, 480, now);
        Random random = new Random(7);
        for (int i = 0; i < luma.length; i++) {
            luma[i] = (byte) Math.max(0, Math.min(255, (luma[i] & 0xFF) + random.nextInt(61) - 30));
        }
        assertThat(LatencyStamp.read(ByteBuffer.wrap(luma), 640, 640, 480)).hasValue(now % (1 << 22));
    }

    @Test
    void appendAddsAStripBelowAndKeepsThePicture() {
        FrameInfo info = FrameInfo.of(PixelFormat.RGBA, 416, 2).withId(9);
        byte[] rgba = new byte[info.bufferSize()];
        Arrays.fill(rgba, (byte) 255);
        try (Frame source = Frame.wrap(info, ByteBuffer.wrap(rgba));
             Frame stamped = LatencyStamp.append(source, 4_194_303L + 5)) {
            assertThat(stamped.format()).isEqualTo(PixelFormat.I420);
            assertThat(stamped.height()).isEqualTo(2 + LatencyStamp.STRIP_ROWS);
            assertThat(stamped.id()).isEqualTo(9);
            assertThat(stamped.data().get(0) & 0xFF).as("white picture kept").isGreaterThan(230);
            assertThat(LatencyStamp.read(stamped)).hasValue(4);
        }
    }

    @Test
    void elapsedTimeCrossesTheWrapAround() {
        assertThat(LatencyStamp.elapsedMillis(LatencyStamp.MODULUS - 10, LatencyStamp.MODULUS * 5 + 30))
                .isEqualTo(40);
    }

    @Test
    void aPictureWithoutStampReadsEmptyAndNarrowFramesAreRefused() {
        byte[] grey = new byte[640 * 480];
        Arrays.fill(grey, (byte) 128);
        assertThat(LatencyStamp.read(ByteBuffer.wrap(grey), 640, 640, 480)).isEmpty();
        assertThatThrownBy(() -> LatencyStamp.draw(ByteBuffer.allocate(400 * 16), 400, 400, 16, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("416");
    }
}
