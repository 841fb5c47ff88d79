package io.teleflux.webrtc.peer;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.Frames;
import io.teleflux.video.PixelFormat;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies between teleflux {@link Frame}s and libwebrtc's native I420 video frames, and counts the native buffers
 * teleflux holds (for leak tests).
 */
public final class VideoFrames {

    private static final AtomicLong HELD = new AtomicLong();

    private VideoFrames() {
    }

    /**
     * A new native frame with {@code frame}'s pixels: converted to I420 if needed and cropped to even dimensions
     * (encoders need them). The caller owns the result: pass it to {@code CustomVideoSource.pushFrame}, then
     * {@link #release} it. {@code frame}'s reference is left alone.
     *
     * @throws IllegalArgumentException if a dimension is 1
     */
    public static VideoFrame toNative(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        try (Frame even = Frames.cropToEven(frame); Frame i420 = Frames.convert(even, PixelFormat.I420)) {
            int w = i420.width();
            int h = i420.height();
            int cw = w / 2;
            int ch = h / 2;
            ByteBuffer src = i420.data();
            NativeI420Buffer buffer = NativeI420Buffer.allocate(w, h);
            HELD.incrementAndGet();
            try {
                copyPlane(src, 0, w, buffer.getDataY(), buffer.getStrideY(), w, h);
                copyPlane(src, w * h, cw, buffer.getDataU(), buffer.getStrideU(), cw, ch);
                copyPlane(src, w * h + cw * ch, cw, buffer.getDataV(), buffer.getStrideV(), cw, ch);
            } catch (RuntimeException | Error e) {
                buffer.release();
                HELD.decrementAndGet();
                throw e;
            }
            return new VideoFrame(buffer, System.nanoTime());
        }
    }

    /** Releases a frame made by {@link #toNative}. */
    public static void release(VideoFrame frame) {
        frame.release();
        HELD.decrementAndGet();
    }

    /**
     * A new I420 {@link Frame} (the caller owns it) with a copy of {@code frame}'s pixels, stamped with the receive
     * time and {@code id}. Does not release {@code frame}.
     */
    public static Frame fromNative(VideoFrame frame, long id) {
        Objects.requireNonNull(frame, "frame");
        I420Buffer i420 = frame.buffer.toI420();
        try {
            int w = i420.getWidth();
            int h = i420.getHeight();
            int cw = (w + 1) / 2;
            int ch = (h + 1) / 2;
            FrameInfo info = FrameInfo.of(PixelFormat.I420, w, h).withTimestamp(Instant.now()).withId(id);
            byte[] out = new byte[info.bufferSize()];
            ByteBuffer dst = ByteBuffer.wrap(out);
            readPlane(i420.getDataY(), i420.getStrideY(), w, h, dst, 0);
            readPlane(i420.getDataU(), i420.getStrideU(), cw, ch, dst, w * h);
            readPlane(i420.getDataV(), i420.getStrideV(), cw, ch, dst, w * h + cw * ch);
            return Frame.wrap(info, dst);
        } finally {
            if (i420 != frame.buffer) {
                i420.release();
            }
        }
    }

    /** Counts a native frame libwebrtc handed to teleflux (a sink's frame), until {@link #releaseReceived}. */
    static void received() {
        HELD.incrementAndGet();
    }

    /** Releases a frame counted by {@link #received}. */
    static void releaseReceived(VideoFrame frame) {
        frame.release();
        HELD.decrementAndGet();
    }

    /** Native frames teleflux holds now, JVM-wide: made by {@link #toNative} or received, and not released yet. */
    public static long nativeFramesHeld() {
        return HELD.get();
    }

    private static void copyPlane(ByteBuffer src, int offset, int srcStride, ByteBuffer dst, int dstStride, int width,
                                  int rows) {
        for (int r = 0; r < rows; r++) {
            dst.put(r * dstStride, src, offset + r * srcStride, width);
        }
    }

    private static void readPlane(ByteBuffer src, int srcStride, int width, int rows, ByteBuffer dst, int offset) {
        for (int r = 0; r < rows; r++) {
            dst.put(offset + r * width, src, r * srcStride, width);
        }
    }
}
