package io.teleflux.video;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The glass-to-glass latency stamp of DimOS hosted teleop: the sender's wall clock, in milliseconds modulo
 * 2<sup>{@value #TIME_BITS}</sup> (about 70 minutes), drawn into the luma of a 16-row strip at the bottom of a frame,
 * so that it survives any codec and the receiver can measure capture-to-display time against its own clock (the same
 * clock, or NTP-synchronised ones).
 *
 * <p>Layout: the strip is {@value #STRIP_ROWS} rows high and divided into cells {@value #CELL} pixels wide, from the
 * left edge: the sync pattern {@code 1,0,1,0}, then the {@value #TIME_BITS} time bits, most significant first. A 1 is
 * drawn as luma 235 (white), a 0 as 16 (black); a reader takes a cell as 1 when the mean luma of its centre
 * (8&times;8 pixels) is at least 128. The frame must be at least {@value #MIN_WIDTH} pixels wide. This matches the
 * robot side of DimOS (since 2026-07-24); its July web client read 44 bits instead.
 *
 * <p>Only the luma plane is read or written, so {@link PixelFormat#I420}, {@link PixelFormat#NV12} and
 * {@link PixelFormat#GRAY8} frames work directly; {@link #append} converts other formats to I420 first.
 */
public final class LatencyStamp {

    /** The number of time bits. */
    public static final int TIME_BITS = 22;
    /** Stamps are milliseconds modulo this: 2^22. */
    public static final long MODULUS = 1L << TIME_BITS;
    /** The width of one cell in pixels. */
    public static final int CELL = 16;
    /** The height of the strip in rows. */
    public static final int STRIP_ROWS = 16;
    /** The narrowest frame that holds a stamp: (4 sync + 22 time bits) cells. */
    public static final int MIN_WIDTH = (4 + TIME_BITS) * CELL;

    private static final int[] SYNC = {1, 0, 1, 0};
    private static final byte ONE = (byte) 235;
    private static final byte ZERO = (byte) 16;
    private static final int THRESHOLD = 128;

    private LatencyStamp() {
    }

    /**
     * A new I420 frame: {@code frame} (converted to I420 if it is not) with a stamp strip of {@value #STRIP_ROWS}
     * rows appended below it, stamped with {@code epochMillis}. The strip's chroma is neutral. Keeps the timestamp and
     * ids; the caller owns the result and still owns {@code frame}.
     *
     * @throws IllegalArgumentException if {@code frame} is narrower than {@value #MIN_WIDTH} pixels, or if its
     *         height is odd
     */
    public static Frame append(Frame frame, long epochMillis) {
        Objects.requireNonNull(frame, "frame");
        int width = frame.width();
        int height = frame.height();
        checkWidth(width);
        if (height % 2 != 0) {
            throw new IllegalArgumentException("append needs an even height, was " + height);
        }
        try (Frame i420 = Frames.convert(frame, PixelFormat.I420)) {
            int outHeight = height + STRIP_ROWS;
            FrameInfo info = frame.info().withFormat(PixelFormat.I420).withSize(width, outHeight);
            byte[] out = new byte[info.bufferSize()];
            ByteBuffer src = i420.data();
            int cw = (width + 1) / 2;
            int srcLuma = width * height;
            int srcChroma = cw * (height / 2);
            int outLuma = width * outHeight;
            int outChroma = cw * (outHeight / 2);
            src.get(0, out, 0, srcLuma);
            src.get(srcLuma, out, outLuma, srcChroma);
            src.get(srcLuma + srcChroma, out, outLuma + outChroma, srcChroma);
            Arrays.fill(out, outLuma + srcChroma, outLuma + outChroma, (byte) 128);
            Arrays.fill(out, outLuma + outChroma + srcChroma, out.length, (byte) 128);
            draw(ByteBuffer.wrap(out), width, width, outHeight, epochMillis);
            return Frame.wrap(info, ByteBuffer.wrap(out));
        }
    }

    /**
     * Draws a stamp of {@code epochMillis} over the bottom {@value #STRIP_ROWS} rows of a luma plane, in place. Cells
     * beyond the last bit keep their content.
     *
     * @param luma   the luma plane; row {@code r} starts at index {@code r * stride} (absolute, position ignored)
     * @param stride bytes per row, at least {@code width}
     * @param width  pixels per row, at least {@value #MIN_WIDTH}
     * @param height rows, at least {@value #STRIP_ROWS}
     */
    public static void draw(ByteBuffer luma, int stride, int width, int height, long epochMillis) {
        checkPlane(luma, stride, width, height);
        long value = Math.floorMod(epochMillis, MODULUS);
        for (int cell = 0; cell < SYNC.length + TIME_BITS; cell++) {
            byte level = bit(cell, value) == 1 ? ONE : ZERO;
            for (int row = height - STRIP_ROWS; row < height; row++) {
                int base = row * stride + cell * CELL;
                for (int x = 0; x < CELL; x++) {
                    luma.put(base + x, level);
                }
            }
        }
    }

    /** The stamp in {@code frame} (I420, NV12 or GRAY8), or empty if its strip does not start with the sync pattern. */
    public static OptionalLong read(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        PixelFormat f = frame.format();
        if (f != PixelFormat.I420 && f != PixelFormat.NV12 && f != PixelFormat.GRAY8) {
            throw new IllegalArgumentException("a stamp is read from I420, NV12 or GRAY8 frames, not " + f);
        }
        if (frame.width() < MIN_WIDTH || frame.height() < STRIP_ROWS) {
            return OptionalLong.empty();
        }
        return read(frame.data(), frame.width(), frame.width(), frame.height());
    }

    /**
     * The stamp in the bottom rows of a luma plane (laid out as for {@link #draw}), or empty if the strip does not
     * start with the sync pattern.
     */
    public static OptionalLong read(ByteBuffer luma, int stride, int width, int height) {
        checkPlane(luma, stride, width, height);
        long value = 0;
        for (int cell = 0; cell < SYNC.length + TIME_BITS; cell++) {
            int b = cellBit(luma, stride, height, cell);
            if (cell < SYNC.length) {
                if (b != SYNC[cell]) {
                    return OptionalLong.empty();
                }
            } else {
                value = (value << 1) | b;
            }
        }
        return OptionalLong.of(value);
    }

    /**
     * Milliseconds from {@code stamp} to {@code nowEpochMillis}, modulo 2<sup>22</sup>: correct for delays below
     * about 70 minutes, across the wrap-around.
     */
    public static long elapsedMillis(long stamp, long nowEpochMillis) {
        return Math.floorMod(nowEpochMillis - stamp, MODULUS);
    }

    private static int bit(int cell, long value) {
        if (cell < SYNC.length) {
            return SYNC[cell];
        }
        return (int) (value >>> (TIME_BITS - 1 - (cell - SYNC.length))) & 1;
    }

    private static int cellBit(ByteBuffer luma, int stride, int height, int cell) {
        int sum = 0;
        int top = height - STRIP_ROWS + STRIP_ROWS / 4;
        int left = cell * CELL + CELL / 4;
        for (int row = top; row < top + STRIP_ROWS / 2; row++) {
            for (int x = left; x < left + CELL / 2; x++) {
                sum += luma.get(row * stride + x) & 0xFF;
            }
        }
        return sum / (STRIP_ROWS / 2 * CELL / 2) >= THRESHOLD ? 1 : 0;
    }

    private static void checkWidth(int width) {
        if (width < MIN_WIDTH) {
            throw new IllegalArgumentException("a latency stamp needs a width of at least " + MIN_WIDTH
                    + " pixels, was " + width);
        }
    }

    private static void checkPlane(ByteBuffer luma, int stride, int width, int height) {
        Objects.requireNonNull(luma, "luma");
        checkWidth(width);
        if (stride < width) {
            throw new IllegalArgumentException("stride " + stride + " is below the width " + width);
        }
        if (height < STRIP_ROWS) {
            throw new IllegalArgumentException("a latency stamp needs at least " + STRIP_ROWS + " rows, was "
                    + height);
        }
        if ((long) stride * (height - 1) + width > luma.capacity()) {
            throw new IllegalArgumentException("the luma plane holds " + luma.capacity() + " bytes, fewer than "
                    + stride + " x " + height);
        }
    }
}
