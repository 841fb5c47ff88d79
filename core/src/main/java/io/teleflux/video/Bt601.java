package io.teleflux.video;

/**
 * RGB ↔ YUV 4:2:0 with the BT.601 limited-range ("studio swing") integer matrix used by libyuv and most encoders:
 * <pre>
 * Y = (( 66·R + 129·G +  25·B + 128) &gt;&gt; 8) + 16        R = clamp((298·C         + 409·E + 128) &gt;&gt; 8)
 * U = ((-38·R -  74·G + 112·B + 128) &gt;&gt; 8) + 128       G = clamp((298·C - 100·D - 208·E + 128) &gt;&gt; 8)
 * V = ((112·R -  94·G -  18·B + 128) &gt;&gt; 8) + 128       B = clamp((298·C + 516·D         + 128) &gt;&gt; 8)
 *                                                      with C = Y - 16, D = U - 128, E = V - 128
 * </pre>
 * A chroma sample is computed from the rounded mean R, G, B of its 2×2 block (fewer pixels at an odd right or bottom
 * edge). Alpha is ignored on the way in and opaque (255) on the way out.
 *
 * <p>Chroma planes are addressed by offset, pixel stride and row stride so that one routine serves I420 (strides 1 and
 * {@code ⌈w/2⌉}) and NV12 (strides 2 and {@code 2·⌈w/2⌉}).
 */
final class Bt601 {

    private Bt601() {
    }

    /** Writes a YUV 4:2:0 image into {@code yuv}; the Y plane starts at 0 with row stride {@code width}. */
    static void rgbaToYuv(byte[] rgba, int width, int height, byte[] yuv, Chroma chroma) {
        for (int i = 0, n = width * height; i < n; i++) {
            int p = i * 4;
            int r = rgba[p] & 0xFF;
            int g = rgba[p + 1] & 0xFF;
            int b = rgba[p + 2] & 0xFF;
            yuv[i] = (byte) (((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);
        }
        int cw = PixelFormat.chromaWidth(width);
        int ch = PixelFormat.chromaHeight(height);
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                int r = 0;
                int g = 0;
                int b = 0;
                int n = 0;
                for (int y = 2 * cy; y < Math.min(2 * cy + 2, height); y++) {
                    for (int x = 2 * cx; x < Math.min(2 * cx + 2, width); x++) {
                        int p = (y * width + x) * 4;
                        r += rgba[p] & 0xFF;
                        g += rgba[p + 1] & 0xFF;
                        b += rgba[p + 2] & 0xFF;
                        n++;
                    }
                }
                r = (r + n / 2) / n;
                g = (g + n / 2) / n;
                b = (b + n / 2) / n;
                int at = cy * chroma.rowStride + cx * chroma.pixelStride;
                yuv[chroma.uOffset + at] = (byte) (((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128);
                yuv[chroma.vOffset + at] = (byte) (((112 * r - 94 * g - 18 * b + 128) >> 8) + 128);
            }
        }
    }

    /** Reads a YUV 4:2:0 image (Y plane at 0, row stride {@code width}) into an opaque RGBA image. */
    static void yuvToRgba(byte[] yuv, int width, int height, Chroma chroma, byte[] rgba) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = (y / 2) * chroma.rowStride + (x / 2) * chroma.pixelStride;
                int c = (yuv[y * width + x] & 0xFF) - 16;
                int d = (yuv[chroma.uOffset + at] & 0xFF) - 128;
                int e = (yuv[chroma.vOffset + at] & 0xFF) - 128;
                int p = (y * width + x) * 4;
                rgba[p] = clamp((298 * c + 409 * e + 128) >> 8);
                rgba[p + 1] = clamp((298 * c - 100 * d - 208 * e + 128) >> 8);
                rgba[p + 2] = clamp((298 * c + 516 * d + 128) >> 8);
                rgba[p + 3] = (byte) 0xFF;
            }
        }
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /** Where the chroma samples of a 4:2:0 buffer are. */
    static final class Chroma {
        final int uOffset;
        final int vOffset;
        final int pixelStride;
        final int rowStride;

        private Chroma(int uOffset, int vOffset, int pixelStride, int rowStride) {
            this.uOffset = uOffset;
            this.vOffset = vOffset;
            this.pixelStride = pixelStride;
            this.rowStride = rowStride;
        }

        /** The chroma layout of {@code format} ({@link PixelFormat#I420} or {@link PixelFormat#NV12}). */
        static Chroma of(PixelFormat format, int width, int height) {
            int luma = width * height;
            int cw = PixelFormat.chromaWidth(width);
            int ch = PixelFormat.chromaHeight(height);
            switch (format) {
                case I420:
                    return new Chroma(luma, luma + cw * ch, 1, cw);
                case NV12:
                    return new Chroma(luma, luma + 1, 2, 2 * cw);
                default:
                    throw new IllegalArgumentException("not a YUV 4:2:0 format: " + format);
            }
        }
    }
}
