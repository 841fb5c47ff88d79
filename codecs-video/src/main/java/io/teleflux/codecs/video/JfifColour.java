package io.teleflux.codecs.video;

/**
 * RGB ↔ full-range YCbCr as JFIF defines it (ITU-T T.871), in 16.16 fixed point:
 * {@code Y = .299R + .587G + .114B}, {@code Cb = 128 - .168736R - .331264G + .5B},
 * {@code Cr = 128 + .5R - .418688G - .081312B}; chroma is the mean of each subsampling block, and is replicated on the
 * way back.
 */
final class JfifColour {

    private JfifColour() {
    }

    /** Packed RGB24 into three packed planes (Y, Cb, Cr) with the given subsampling. */
    static byte[] rgbToPlanes(byte[] rgb, int width, int height, ChromaSubsampling sub) {
        int cw = sub.chromaWidth(width);
        int ch = sub.chromaHeight(height);
        byte[] out = new byte[width * height + 2 * cw * ch];
        for (int i = 0, n = width * height; i < n; i++) {
            int r = rgb[3 * i] & 0xFF;
            int g = rgb[3 * i + 1] & 0xFF;
            int b = rgb[3 * i + 2] & 0xFF;
            out[i] = (byte) ((19595 * r + 38470 * g + 7471 * b + 32768) >> 16);
        }
        int cb = width * height;
        int cr = cb + cw * ch;
        int sx = sub.horizontal();
        int sy = sub.vertical();
        for (int cy = 0; cy < ch; cy++) {
            for (int cx = 0; cx < cw; cx++) {
                int r = 0;
                int g = 0;
                int b = 0;
                int n = 0;
                for (int y = cy * sy; y < Math.min(cy * sy + sy, height); y++) {
                    for (int x = cx * sx; x < Math.min(cx * sx + sx, width); x++) {
                        int p = 3 * (y * width + x);
                        r += rgb[p] & 0xFF;
                        g += rgb[p + 1] & 0xFF;
                        b += rgb[p + 2] & 0xFF;
                        n++;
                    }
                }
                r = (r + n / 2) / n;
                g = (g + n / 2) / n;
                b = (b + n / 2) / n;
                out[cb + cy * cw + cx] = clamp((-11059 * r - 21709 * g + 32768 * b + (128 << 16) + 32768) >> 16);
                out[cr + cy * cw + cx] = clamp((32768 * r - 27439 * g - 5329 * b + (128 << 16) + 32768) >> 16);
            }
        }
        return out;
    }

    /** Three packed planes back to RGB24. */
    static byte[] planesToRgb(byte[] planes, int width, int height, int chromaWidth, int chromaHeight, int sx,
                              int sy) {
        byte[] rgb = new byte[width * height * 3];
        int cbAt = width * height;
        int crAt = cbAt + chromaWidth * chromaHeight;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = (y / sy) * chromaWidth + x / sx;
                int yy = planes[y * width + x] & 0xFF;
                int cb = (planes[cbAt + c] & 0xFF) - 128;
                int cr = (planes[crAt + c] & 0xFF) - 128;
                int p = 3 * (y * width + x);
                rgb[p] = clamp(yy + ((91881 * cr + 32768) >> 16));
                rgb[p + 1] = clamp(yy - ((22554 * cb + 46802 * cr - 32768) >> 16));
                rgb[p + 2] = clamp(yy + ((116130 * cb + 32768) >> 16));
            }
        }
        return rgb;
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
}
