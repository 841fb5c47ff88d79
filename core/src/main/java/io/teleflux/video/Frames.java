package io.teleflux.video;

import java.nio.ByteBuffer;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Operations on {@link Frame}s: pixel format conversion, cropping to even dimensions for encoders, and releasing the
 * frames a Reactor pipeline drops.
 *
 * <p>Every method that returns a frame returns one the <b>caller owns</b> (one reference, to be released once) and
 * leaves the source's references alone: the caller still releases the source as before.
 */
public final class Frames {

    private Frames() {
    }

    /**
     * Releases every frame that {@code frames}' upstream operators discard instead of emitting: frames overwritten by
     * {@code onBackpressureLatest()} or {@code sample(…)}, rejected by {@code filter(…)}, dropped by
     * {@code onBackpressureDrop()}, or held in a queue when the subscription is cancelled or errors. It adds
     * {@code doOnDiscard(Frame.class, Frame::release)}.
     *
     * <p>Reactor's discard hook travels <b>upstream</b> through the subscriber context, so apply this <b>after</b> (at
     * the end of) the operators that drop: {@code Frames.releaseOnDiscard(camera.onBackpressureLatest())}. Frames that
     * reach the subscriber are not touched: the subscriber owns and releases them. A frame a transport drops on
     * purpose (outside any operator) is released by that transport.
     *
     * <p>Idempotent along one pipeline: Reactor would run every discard hook in the chain, releasing a frame once per
     * hook, so where a downstream {@code releaseOnDiscard} (for example the one inside
     * {@link io.teleflux.Session#sendVideo}) already covers the pipeline, an upstream one adds nothing. Applying it
     * before handing frames to a session is therefore harmless.
     */
    public static Flux<Frame> releaseOnDiscard(Flux<? extends Frame> frames) {
        Objects.requireNonNull(frames, "frames");
        return Flux.deferContextual(context -> context.hasKey(RELEASE_ON_DISCARD)
                ? Flux.<Frame>from(frames)
                : Flux.<Frame>from(frames).doOnDiscard(Frame.class, Frame::release)
                        .contextWrite(c -> c.put(RELEASE_ON_DISCARD, Boolean.TRUE)));
    }

    /**
     * {@link #releaseOnDiscard(Flux)} for a pipeline that ends in a {@code Mono}, such as a transport's
     * {@code Flux<Frame> → Mono<Void>} send: every frame discarded upstream is released exactly once, whatever
     * {@code releaseOnDiscard} the caller applied further up.
     */
    public static <T> Mono<T> releaseOnDiscard(Mono<T> pipeline) {
        Objects.requireNonNull(pipeline, "pipeline");
        return Mono.deferContextual(context -> context.hasKey(RELEASE_ON_DISCARD)
                ? pipeline
                : pipeline.doOnDiscard(Frame.class, Frame::release)
                        .contextWrite(c -> c.put(RELEASE_ON_DISCARD, Boolean.TRUE)));
    }

    /** Context key marking a pipeline whose discarded frames are already released (see releaseOnDiscard). */
    private static final String RELEASE_ON_DISCARD = Frames.class.getName() + ".releaseOnDiscard";

    /**
     * Converts {@code frame} to {@code target}, keeping its timestamp and ids.
     *
     * <p>Supported: from <b>any</b> format to {@link PixelFormat#RGBA}, {@link PixelFormat#BGRA},
     * {@link PixelFormat#RGB24}, {@link PixelFormat#BGR24}, {@link PixelFormat#I420} and {@link PixelFormat#NV12}; and
     * from any format to itself. Rules (those of the DimOS LiveKit provider's {@code _image_to_rgba}, except where
     * noted):
     * <ul>
     *   <li>{@link PixelFormat#GRAY8}: the grey value replicated into R, G and B.</li>
     *   <li>{@link PixelFormat#GRAY16}: <b>scaled</b>, not truncated: {@code v >> 8} (0xFFFF → 0xFF, 0x0100 → 0x01),
     *   then replicated.</li>
     *   <li>{@link PixelFormat#DEPTH32F}: clipped to [0, 1], times 255, <b>rounded</b> half up (0.5 → 128; the reference
     *   truncates, giving 127), NaN → 0, then replicated.</li>
     *   <li>BGR(A) channels swapped; RGB(A) ↔ RGB24/BGR24 keeps or drops alpha; alpha is opaque (0xFF) whenever the
     *   source has none.</li>
     *   <li>To and from {@link PixelFormat#I420}/{@link PixelFormat#NV12}: BT.601 limited range (Y in [16, 235]) with
     *   the integer matrix {@code Y = ((66R + 129G + 25B + 128) >> 8) + 16},
     *   {@code U = ((-38R - 74G + 112B + 128) >> 8) + 128}, {@code V = ((112R - 94G - 18B + 128) >> 8) + 128}; back
     *   with {@code C = Y-16, D = U-128, E = V-128}: {@code R = (298C + 409E + 128) >> 8},
     *   {@code G = (298C - 100D - 208E + 128) >> 8}, {@code B = (298C + 516D + 128) >> 8}, clamped to [0, 255].
     *   Chroma is the mean of each 2×2 block; alpha is dropped. Odd sizes are converted as they are (crop first for
     *   an encoder). A round trip keeps each channel within ±2 of the original colour for flat areas.</li>
     *   <li>{@link PixelFormat#I420} ↔ {@link PixelFormat#NV12}: lossless reordering of chroma.</li>
     * </ul>
     *
     * @return a new frame the caller owns, or {@code frame} itself retained if it already is in {@code target} format
     *         (release it once either way)
     * @throws IllegalArgumentException if {@code target} is {@link PixelFormat#GRAY8}, {@link PixelFormat#GRAY16} or
     *         {@link PixelFormat#DEPTH32F} and differs from the source format
     * @throws IllegalStateException if {@code frame} was released
     */
    public static Frame convert(Frame frame, PixelFormat target) {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(target, "target");
        if (frame.format() == target) {
            return frame.retain();
        }
        byte[] pixels = PixelConverter.convert(frame.pixelsForReading(), frame.format(), target, frame.width(),
                frame.height());
        return Frame.wrap(frame.info().withFormat(target), ByteBuffer.wrap(pixels));
    }

    /**
     * Crops to even width and height, as H.264 encoders need (an odd size crashes libx264): an odd width loses the
     * <b>last column</b>, an odd height the <b>last row</b>. Works for every format.
     *
     * @return a new, cropped frame the caller owns, or {@code frame} itself retained if both dimensions are already
     *         even (release it once either way)
     * @throws IllegalArgumentException if a dimension is 1, which cannot be cropped to a non-empty even size
     * @throws IllegalStateException if {@code frame} was released
     */
    public static Frame cropToEven(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        int width = frame.width();
        int height = frame.height();
        if (width == 1 || height == 1) {
            throw new IllegalArgumentException("cannot crop " + width + "x" + height
                    + " to even dimensions: a dimension of 1 would become 0");
        }
        if (width % 2 == 0 && height % 2 == 0) {
            return frame.retain();
        }
        byte[] pixels = EvenCrop.crop(frame.pixelsForReading(), frame.format(), width, height);
        return Frame.wrap(frame.info().withSize(EvenCrop.even(width), EvenCrop.even(height)),
                ByteBuffer.wrap(pixels));
    }
}
