package io.teleflux.video;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

/**
 * One raw video frame: a {@link FrameInfo} and a tightly packed pixel buffer whose memory is <b>reference
 * counted</b>.
 *
 * <p><b>Ownership.</b> A new frame has a reference count of 1, owned by whoever created it. Each holder of a reference
 * releases it exactly once, with {@link #release()} or {@link #close()} (so try-with-resources works); {@link #retain()}
 * adds a reference for another holder. When the count reaches 0 the buffer goes back to its owner through the release
 * hook given to {@link #wrap(FrameInfo, ByteBuffer, Consumer)} (a pool, a camera driver), or is simply left to the
 * garbage collector. Handing a frame to {@code onNext} hands over the reference: the subscriber releases it, or passes
 * it on. Operators that drop frames must release them: see {@link Frames#releaseOnDiscard(reactor.core.publisher.Flux)}.
 *
 * <p><b>Errors are loud.</b> {@link #data()} and {@link #retain()} on a released frame, and a release more than the
 * frame was retained, throw {@link IllegalStateException}; nothing is silently ignored. The metadata ({@link #info()}
 * and its shortcuts, {@link #toString()}) stays readable after release, since it holds no memory of the owner's.
 *
 * <p>Thread-safe: the reference count is atomic; the pixels must not be modified while the frame is alive.
 */
public final class Frame implements AutoCloseable {

    private static final AtomicIntegerFieldUpdater<Frame> REF_COUNT =
            AtomicIntegerFieldUpdater.newUpdater(Frame.class, "refCount");
    private static final Consumer<ByteBuffer> DROP = buffer -> { };

    private final FrameInfo info;
    private final ByteBuffer original;
    private final ByteBuffer pixels;
    private final Consumer<? super ByteBuffer> onRelease;
    private volatile int refCount = 1;

    private Frame(FrameInfo info, ByteBuffer original, Consumer<? super ByteBuffer> onRelease) {
        this.info = info;
        this.original = original;
        this.pixels = original.slice();
        this.onRelease = onRelease;
    }

    /**
     * A frame over the bytes between {@code data}'s position and limit (heap or direct), with a reference count of 1.
     * The buffer is not copied and its position and limit are left alone; the caller must not modify its content
     * until {@code onRelease} has been called.
     *
     * @param data exactly {@link FrameInfo#bufferSize()} bytes remaining
     * @param onRelease called once, with {@code data} itself, on the thread that releases the last reference; it
     *        should be short and must not block. If it throws, the frame is released anyway and the exception reaches
     *        the caller of that {@code release()}
     * @throws IllegalArgumentException if the number of bytes does not match the format and size
     */
    public static Frame wrap(FrameInfo info, ByteBuffer data, Consumer<? super ByteBuffer> onRelease) {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(onRelease, "onRelease");
        int expected = info.bufferSize();
        if (data.remaining() != expected) {
            throw new IllegalArgumentException(info.format() + " " + info.width() + "x" + info.height() + " needs "
                    + expected + " bytes, data has " + data.remaining() + " remaining");
        }
        return new Frame(info, data, onRelease);
    }

    /**
     * A frame over {@code data} whose memory is simply dropped (left to the garbage collector) on the last release;
     * otherwise as {@link #wrap(FrameInfo, ByteBuffer, Consumer)}.
     */
    public static Frame wrap(FrameInfo info, ByteBuffer data) {
        return wrap(info, data, DROP);
    }

    /** Format, size, timestamp and ids. */
    public FrameInfo info() {
        return info;
    }

    /** The pixel format; shortcut for {@code info().format()}. */
    public PixelFormat format() {
        return info.format();
    }

    /** Pixels per row; shortcut for {@code info().width()}. */
    public int width() {
        return info.width();
    }

    /** Rows; shortcut for {@code info().height()}. */
    public int height() {
        return info.height();
    }

    /** Capture time on the wall clock; shortcut for {@code info().timestamp()}. */
    public Instant timestamp() {
        return info.timestamp();
    }

    /** The frame number, increasing per source; shortcut for {@code info().id()}. */
    public long id() {
        return info.id();
    }

    /** The coordinate frame name (LCM {@code frame_id}); shortcut for {@code info().frameId()}. */
    public String frameId() {
        return info.frameId();
    }

    /**
     * A <b>read-only</b> view of the pixels: a new buffer each call, position 0, limit {@link FrameInfo#bufferSize()},
     * {@link ByteOrder#LITTLE_ENDIAN} (so {@code getShort}/{@code getFloat} read {@link PixelFormat#GRAY16} and
     * {@link PixelFormat#DEPTH32F} samples directly). The view shares the frame's memory and is valid only while the
     * caller holds a reference: after the last release the owner may reuse the memory.
     *
     * @throws IllegalStateException if the frame was released
     */
    public ByteBuffer data() {
        ensureAlive("data()");
        return pixels.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The current number of references; 0 once released. For diagnostics and leak checks. */
    public int refCount() {
        return refCount;
    }

    /**
     * Adds a reference for another holder, who must release it.
     *
     * @return this frame
     * @throws IllegalStateException if the frame was already released
     */
    public Frame retain() {
        for (;;) {
            int count = refCount;
            if (count <= 0) {
                throw new IllegalStateException("cannot retain " + this + ": it was already released");
            }
            if (count == Integer.MAX_VALUE) {
                throw new IllegalStateException("reference count overflow on " + this);
            }
            if (REF_COUNT.compareAndSet(this, count, count + 1)) {
                return this;
            }
        }
    }

    /**
     * Gives up one reference; the last one hands the memory back to its owner.
     *
     * @throws IllegalStateException if the frame was already released (more releases than references)
     */
    public void release() {
        for (;;) {
            int count = refCount;
            if (count <= 0) {
                throw new IllegalStateException(this + " released more often than retained: it was already released");
            }
            if (REF_COUNT.compareAndSet(this, count, count - 1)) {
                if (count == 1) {
                    onRelease.accept(original);
                }
                return;
            }
        }
    }

    /**
     * Same as {@link #release()}. Unlike {@code Closeable.close()} it is not idempotent: each call gives up one
     * reference, and closing a released frame throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        release();
    }

    /** Reads the pixels for a conversion: the backing array itself when it is exactly the pixels, else a copy. */
    byte[] pixelsForReading() {
        ensureAlive("conversion");
        if (pixels.hasArray() && pixels.arrayOffset() == 0 && pixels.array().length == pixels.capacity()) {
            return pixels.array();
        }
        byte[] copy = new byte[pixels.capacity()];
        pixels.duplicate().get(copy);
        return copy;
    }

    private void ensureAlive(String operation) {
        if (refCount <= 0) {
            throw new IllegalStateException(operation + " on " + this
                    + ", which was released; its memory is only valid while a reference is held");
        }
    }

    @Override
    public String toString() {
        return "Frame[" + info + " refCount=" + refCount + "]";
    }
}
