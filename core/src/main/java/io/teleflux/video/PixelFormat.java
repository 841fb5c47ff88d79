package io.teleflux.video;

/**
 * The memory layout of a raw {@link Frame}'s pixels.
 *
 * <p>Every format is <b>tightly packed</b>: no row padding, planes back to back in the order listed, so the row
 * stride of a packed format is {@code width × bytesPerPixel()} and a frame's buffer holds exactly
 * {@link #bufferSize(int, int)} bytes. Multi-byte samples are <b>little-endian</b>. The YUV formats are 4:2:0 with
 * chroma planes of {@code ceil(width/2) × ceil(height/2)} samples, so odd sizes are representable (encoders need even
 * sizes: see {@link Frames#cropToEven(Frame)}).
 */
public enum PixelFormat {

    /** Planar YUV 4:2:0 ({@code yuv420p}): a Y plane, then a U plane, then a V plane; BT.601 limited range. */
    I420(3, 1),
    /** Semi-planar YUV 4:2:0: a Y plane, then one plane of interleaved U,V pairs; BT.601 limited range. */
    NV12(2, 1),
    /** Packed 8-bit R, G, B ({@code rgb24}); 3 bytes per pixel. */
    RGB24(1, 3),
    /** Packed 8-bit B, G, R ({@code bgr24}, OpenCV's default); 3 bytes per pixel. */
    BGR24(1, 3),
    /** Packed 8-bit R, G, B, A; 4 bytes per pixel. */
    RGBA(1, 4),
    /** Packed 8-bit B, G, R, A; 4 bytes per pixel. */
    BGRA(1, 4),
    /** 8-bit grey; 1 byte per pixel. */
    GRAY8(1, 1),
    /** 16-bit unsigned grey (e.g. depth in millimetres), <b>little-endian</b>; 2 bytes per pixel. */
    GRAY16(1, 2),
    /** One 32-bit IEEE-754 float per pixel (depth, e.g. in metres), <b>little-endian</b>; 4 bytes per pixel. */
    DEPTH32F(1, 4);

    private final int planeCount;
    private final int bytesPerPixel;

    PixelFormat(int planeCount, int bytesPerPixel) {
        this.planeCount = planeCount;
        this.bytesPerPixel = bytesPerPixel;
    }

    /** How many planes the buffer holds: 3 for {@link #I420}, 2 for {@link #NV12}, 1 for packed formats. */
    public int planeCount() {
        return planeCount;
    }

    /** Whether the pixels are stored in more than one plane ({@link #I420}, {@link #NV12}). */
    public boolean isPlanar() {
        return planeCount > 1;
    }

    /**
     * Bytes per pixel of a packed format; for the planar YUV formats, bytes per sample of the Y plane (1), the chroma
     * planes following the 4:2:0 layout described on this class.
     */
    public int bytesPerPixel() {
        return bytesPerPixel;
    }

    /**
     * The exact number of bytes of a {@code width × height} frame in this format. For {@link #I420} and {@link #NV12}
     * it is {@code w·h + 2·(⌈w/2⌉·⌈h/2⌉)}; for packed formats {@code w·h·bytesPerPixel()}. At most 2^30.
     *
     * @param width 1 to {@link FrameInfo#MAX_DIMENSION}
     * @param height 1 to {@link FrameInfo#MAX_DIMENSION}
     * @throws IllegalArgumentException if a dimension is out of range
     */
    public int bufferSize(int width, int height) {
        Checks.dimensions(width, height);
        int luma = width * height;
        if (isPlanar()) {
            return luma + 2 * (chromaWidth(width) * chromaHeight(height));
        }
        return luma * bytesPerPixel;
    }

    static int chromaWidth(int width) {
        return (width + 1) / 2;
    }

    static int chromaHeight(int height) {
        return (height + 1) / 2;
    }
}
