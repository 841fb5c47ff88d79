package io.teleflux.video;

/**
 * Crops a tightly packed image to even dimensions by dropping its last column and/or last row. For the 4:2:0 formats
 * the chroma planes lose their last column/row too, which only covered the dropped luma column/row.
 */
final class EvenCrop {

    private EvenCrop() {
    }

    static int even(int dimension) {
        return dimension & ~1;
    }

    static byte[] crop(byte[] s, PixelFormat format, int width, int height) {
        int ew = even(width);
        int eh = even(height);
        byte[] d = new byte[format.bufferSize(ew, eh)];
        int bpp = format.bytesPerPixel();
        copyRows(s, 0, width * bpp, d, 0, ew * bpp, eh);
        if (format.isPlanar()) {
            Bt601.Chroma in = Bt601.Chroma.of(format, width, height);
            Bt601.Chroma out = Bt601.Chroma.of(format, ew, eh);
            int rows = PixelFormat.chromaHeight(eh);
            copyRows(s, in.uOffset, in.rowStride, d, out.uOffset, out.rowStride, rows); // U, or interleaved UV
            if (format == PixelFormat.I420) {
                copyRows(s, in.vOffset, in.rowStride, d, out.vOffset, out.rowStride, rows);
            }
        }
        return d;
    }

    private static void copyRows(byte[] s, int sOff, int sStride, byte[] d, int dOff, int rowBytes, int rows) {
        for (int y = 0; y < rows; y++) {
            System.arraycopy(s, sOff + y * sStride, d, dOff + y * rowBytes, rowBytes);
        }
    }
}
