package io.teleflux.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PixelFormatTest {

    @Test
    void bufferSizesAreExactIncludingOddYuvSizes() {
        assertThat(PixelFormat.I420.bufferSize(640, 480)).isEqualTo(640 * 480 * 3 / 2);
        assertThat(PixelFormat.I420.bufferSize(3, 3)).isEqualTo(9 + 2 * (2 * 2));
        assertThat(PixelFormat.NV12.bufferSize(5, 3)).isEqualTo(15 + 2 * (3 * 2));
        assertThat(PixelFormat.I420.bufferSize(1, 1)).isEqualTo(3);
        assertThat(PixelFormat.RGB24.bufferSize(4, 2)).isEqualTo(24);
        assertThat(PixelFormat.BGRA.bufferSize(4, 2)).isEqualTo(32);
        assertThat(PixelFormat.GRAY8.bufferSize(3, 1)).isEqualTo(3);
        assertThat(PixelFormat.GRAY16.bufferSize(3, 1)).isEqualTo(6);
        assertThat(PixelFormat.DEPTH32F.bufferSize(2, 2)).isEqualTo(16);
        assertThat(PixelFormat.RGBA.bufferSize(16384, 16384)).isEqualTo(1 << 30);
    }

    @Test
    void planeLayoutIsDescribed() {
        assertThat(PixelFormat.I420.planeCount()).isEqualTo(3);
        assertThat(PixelFormat.NV12.planeCount()).isEqualTo(2);
        assertThat(PixelFormat.NV12.isPlanar()).isTrue();
        assertThat(PixelFormat.RGB24.isPlanar()).isFalse();
        assertThat(PixelFormat.RGB24.bytesPerPixel()).isEqualTo(3);
        assertThat(PixelFormat.GRAY16.bytesPerPixel()).isEqualTo(2);
        assertThat(PixelFormat.DEPTH32F.bytesPerPixel()).isEqualTo(4);
    }

    @Test
    void bufferSizeRejectsDimensionsOutOfRangeWithTheValue() {
        assertThatThrownBy(() -> PixelFormat.RGBA.bufferSize(16385, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 16384]").hasMessageContaining("was 16385x1");
        assertThatThrownBy(() -> PixelFormat.I420.bufferSize(2, 0)).hasMessageContaining("was 2x0");
    }
}
