package io.teleflux.video;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.EnumSet;
import java.util.Set;

/**
 * Converts tightly packed pixel arrays between {@link PixelFormat}s; the rules are documented on
 * {@link Frames#convert(Frame, PixelFormat)}. Colour conversions go through an RGBA intermediate, which is lossless
 * for the 8-bit formats; I420 ↔ NV12 moves chroma samples directly and is lossless.
 */
final class PixelConverter {

    /** The formats {@link #convert} can produce from any format. */
    static final Set<PixelFormat> COLOUR_TARGETS = EnumSet.of(PixelFormat.RGBA, PixelFormat.BGRA, PixelFormat.RGB24,
            PixelFormat.BGR24, PixelFormat.I420, PixelFormat.NV12);

    private PixelConverter() {
    }

    static byte[] convert(byte[] src, PixelFormat from, PixelFormat to, int width, int height) {
        if (!COLOUR_TARGETS.contains(to)) {
            throw new IllegalArgumentException("cannot convert " + from + " to " + to + "; targets are "
                    + COLOUR_TARGETS + " (or the source format itself)");
        }
        if (from.isPlanar() && to.isPlanar()) {
            return moveChroma(src, from, to, width, height);
        }
        return fromRgba(toRgba(src, from, width, height), to, width, height);
    }

    /**
     * RGBA with the reference's rules: grey replicated, alpha opaque, BGR(A) swapped, 16-bit shifted right by 8,
     * float clipped to [0, 1], scaled by 255 and rounded (NaN → 0).
     */
    static byte[] toRgba(byte[] s, PixelFormat from, int width, int height) {
        int n = width * height;
        byte[] d = new byte[n * 4];
        switch (from) {
            case RGBA:
                System.arraycopy(s, 0, d, 0, d.length);
                break;
            case BGRA:
                for (int i = 0; i < n; i++) {
                    put(d, i, s[4 * i + 2], s[4 * i + 1], s[4 * i], s[4 * i + 3]);
                }
                break;
            case RGB24:
                for (int i = 0; i < n; i++) {
                    put(d, i, s[3 * i], s[3 * i + 1], s[3 * i + 2], (byte) 0xFF);
                }
                break;
            case BGR24:
                for (int i = 0; i < n; i++) {
                    put(d, i, s[3 * i + 2], s[3 * i + 1], s[3 * i], (byte) 0xFF);
                }
                break;
            case GRAY8:
                for (int i = 0; i < n; i++) {
                    put(d, i, s[i], s[i], s[i], (byte) 0xFF);
                }
                break;
            case GRAY16:
                for (int i = 0; i < n; i++) {
                    int sample = (s[2 * i] & 0xFF) | (s[2 * i + 1] & 0xFF) << 8; // little-endian
                    byte v = (byte) (sample >>> 8);
                    put(d, i, v, v, v, (byte) 0xFF);
                }
                break;
            case DEPTH32F:
                FloatBuffer floats = ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    byte v = unitToByte(floats.get(i));
                    put(d, i, v, v, v, (byte) 0xFF);
                }
                break;
            case I420:
            case NV12:
                Bt601.yuvToRgba(s, width, height, Bt601.Chroma.of(from, width, height), d);
                break;
            default:
                throw new IllegalArgumentException("no RGBA conversion from " + from);
        }
        return d;
    }

    /** Clips to [0, 1], scales by 255 and rounds half up; NaN becomes 0. */
    static byte unitToByte(float v) {
        if (!(v > 0f)) {
            return 0;
        }
        return (byte) (v >= 1f ? 255 : Math.round(v * 255f));
    }

    private static byte[] fromRgba(byte[] s, PixelFormat to, int width, int height) {
        int n = width * height;
        byte[] d = new byte[to.bufferSize(width, height)];
        switch (to) {
            case RGBA:
                return s;
            case BGRA:
                for (int i = 0; i < n; i++) {
                    d[4 * i] = s[4 * i + 2];
                    d[4 * i + 1] = s[4 * i + 1];
                    d[4 * i + 2] = s[4 * i];
                    d[4 * i + 3] = s[4 * i + 3];
                }
                break;
            case RGB24:
                for (int i = 0; i < n; i++) {
                    d[3 * i] = s[4 * i];
                    d[3 * i + 1] = s[4 * i + 1];
                    d[3 * i + 2] = s[4 * i + 2];
                }
                break;
            case BGR24:
                for (int i = 0; i < n; i++) {
                    d[3 * i] = s[4 * i + 2];
                    d[3 * i + 1] = s[4 * i + 1];
                    d[3 * i + 2] = s[4 * i];
                }
                break;
            case I420:
            case NV12:
                Bt601.rgbaToYuv(s, width, height, d, Bt601.Chroma.of(to, width, height));
                break;
            default:
                throw new IllegalArgumentException("no conversion from RGBA to " + to);
        }
        return d;
    }

    /** I420 ↔ NV12: the Y plane is copied and each chroma sample moved to its place in the other layout. */
    private static byte[] moveChroma(byte[] s, PixelFormat from, PixelFormat to, int width, int height) {
        byte[] d = new byte[s.length];
        System.arraycopy(s, 0, d, 0, width * height);
        Bt601.Chroma in = Bt601.Chroma.of(from, width, height);
        Bt601.Chroma out = Bt601.Chroma.of(to, width, height);
        int cw = PixelFormat.chromaWidth(width);
        int ch = PixelFormat.chromaHeight(height);
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                int i = cy * in.rowStride + cx * in.pixelStride;
                int o = cy * out.rowStride + cx * out.pixelStride;
                d[out.uOffset + o] = s[in.uOffset + i];
                d[out.vOffset + o] = s[in.vOffset + i];
            }
        }
        return d;
    }

    private static void put(byte[] rgba, int pixel, byte r, byte g, byte b, byte a) {
        int p = pixel * 4;
        rgba[p] = r;
        rgba[p + 1] = g;
        rgba[p + 2] = b;
        rgba[p + 3] = a;
    }
}
