package io.teleflux.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameTest {

    private static final FrameInfo GRAY_2X2 = FrameInfo.of(PixelFormat.GRAY8, 2, 2);

    @Test
    void theLastReleaseHandsTheOriginalBufferBackExactlyOnce() {
        List<ByteBuffer> returned = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(4);
        Frame frame = Frame.wrap(GRAY_2X2, buffer, returned::add);
        assertThat(frame.refCount()).isEqualTo(1);

        assertThat(frame.retain()).isSameAs(frame);
        assertThat(frame.refCount()).isEqualTo(2);
        frame.release();
        assertThat(returned).isEmpty();
        frame.release();

        assertThat(frame.refCount()).isZero();
        assertThat(returned).hasSize(1).first().isSameAs(buffer);
    }

    @Test
    void tryWithResourcesReleasesTheFrame() {
        List<ByteBuffer> returned = new ArrayList<>();
        Frame frame = Frame.wrap(GRAY_2X2, ByteBuffer.allocate(4), returned::add);
        try (Frame f = frame) {
            assertThat(f.data().remaining()).isEqualTo(4);
        }
        assertThat(frame.refCount()).isZero();
        assertThat(returned).hasSize(1);
    }

    @Test
    void usingAReleasedFrameThrowsWithAClearMessage() {
        Frame frame = Frame.wrap(GRAY_2X2, ByteBuffer.allocate(4));
        frame.release();

        assertThatThrownBy(frame::data).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("data()").hasMessageContaining("released").hasMessageContaining("GRAY8 2x2");
        assertThatThrownBy(frame::retain).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already released");
        assertThatThrownBy(() -> Frames.convert(frame, PixelFormat.RGBA))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void releasingTwiceIsAnErrorNotSilent() {
        List<ByteBuffer> returned = new ArrayList<>();
        Frame frame = Frame.wrap(GRAY_2X2, ByteBuffer.allocate(4), returned::add);
        frame.close();

        assertThatThrownBy(frame::release).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released more often than retained");
        assertThatThrownBy(frame::close).isInstanceOf(IllegalStateException.class);
        assertThat(returned).hasSize(1);
        assertThat(frame.refCount()).isZero();
    }

    @Test
    void metadataStaysReadableAfterRelease() {
        Instant ts = Instant.parse("2026-01-02T03:04:05Z");
        Frame frame = Frame.wrap(GRAY_2X2.withId(7).withTimestamp(ts).withFrameId("cam"), ByteBuffer.allocate(4));
        frame.release();

        assertThat(frame.id()).isEqualTo(7);
        assertThat(frame.timestamp()).isEqualTo(ts);
        assertThat(frame.frameId()).isEqualTo("cam");
        assertThat(frame).hasToString("Frame[GRAY8 2x2 id=7 ts=2026-01-02T03:04:05Z frameId=cam refCount=0]");
    }

    @Test
    void aThrowingReleaseHookStillLeavesTheFrameReleased() {
        Frame frame = Frame.wrap(GRAY_2X2, ByteBuffer.allocate(4), b -> {
            throw new IllegalStateException("pool closed");
        });
        assertThatThrownBy(frame::release).hasMessage("pool closed");
        assertThat(frame.refCount()).isZero();
    }

    @Test
    void dataIsAReadOnlyLittleEndianViewOfTheRemainingBytes() {
        ByteBuffer direct = ByteBuffer.allocateDirect(2 + 4);
        direct.put(new byte[] {9, 9, 0x34, 0x12, (byte) 0xFF, (byte) 0xFF}).position(2);
        Frame frame = Frame.wrap(FrameInfo.of(PixelFormat.GRAY16, 2, 1), direct);

        ByteBuffer data = frame.data();
        assertThat(data.isReadOnly()).isTrue();
        assertThat(data.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.position()).isZero();
        assertThat(data.remaining()).isEqualTo(4);
        assertThat(data.getShort(0)).isEqualTo((short) 0x1234);
        assertThat(data.getShort(2) & 0xFFFF).isEqualTo(0xFFFF);
        assertThatThrownBy(() -> data.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
        data.position(3);
        assertThat(frame.data().position()).isZero();
        assertThat(direct.position()).isEqualTo(2);
    }

    @Test
    void wrapRejectsABufferOfTheWrongSizeWithBothSizesInTheMessage() {
        FrameInfo info = FrameInfo.of(PixelFormat.I420, 3, 3);
        assertThatThrownBy(() -> Frame.wrap(info, ByteBuffer.allocate(18)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("I420 3x3 needs 17 bytes, data has 18 remaining");
    }

    @Test
    void badFrameInfoFailsAtOnceWithTheValueInTheMessage() {
        assertThatThrownBy(() -> FrameInfo.of(PixelFormat.RGBA, 0, 480)).hasMessageContaining("was 0x480");
        assertThatThrownBy(() -> FrameInfo.of(PixelFormat.RGBA, 640, 16385)).hasMessageContaining("was 640x16385");
        assertThatThrownBy(() -> FrameInfo.of(PixelFormat.RGBA, -1, 1)).hasMessageContaining("was -1x1");
        assertThatThrownBy(() -> GRAY_2X2.withId(-3)).hasMessageContaining("was -3");
        assertThatThrownBy(() -> GRAY_2X2.withFrameId(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("frameId");
        assertThat(FrameInfo.of(PixelFormat.RGBA, 16384, 1).bufferSize()).isEqualTo(16384 * 4);
    }

    @Test
    void frameInfoWithersReturnCopies() {
        FrameInfo info = FrameInfo.of(PixelFormat.RGB24, 4, 2);
        FrameInfo copy = info.withFormat(PixelFormat.I420).withSize(6, 4).withId(3);
        assertThat(info).isEqualTo(FrameInfo.of(PixelFormat.RGB24, 4, 2));
        assertThat(copy.format()).isEqualTo(PixelFormat.I420);
        assertThat(copy.bufferSize()).isEqualTo(24 + 2 * 6);
        assertThat(copy.timestamp()).isEqualTo(Instant.EPOCH);
        assertThat(copy.frameId()).isEmpty();
    }
}
