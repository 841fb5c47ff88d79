package io.teleflux.codecs.video;

/** How {@link JpegCodec} samples colour relative to brightness. */
public enum ChromaSubsampling {

    /** 4:2:0: one chroma sample per 2×2 pixels; smallest. */
    YUV420(2, 2),
    /** 4:2:2: one chroma sample per 2×1 pixels; TurboJPEG's (and DimOS's) default. */
    YUV422(2, 1),
    /** 4:4:4: full-resolution colour; largest. */
    YUV444(1, 1);

    private final int horizontal;
    private final int vertical;

    ChromaSubsampling(int horizontal, int vertical) {
        this.horizontal = horizontal;
        this.vertical = vertical;
    }

    int chromaWidth(int width) {
        return (width + horizontal - 1) / horizontal;
    }

    int chromaHeight(int height) {
        return (height + vertical - 1) / vertical;
    }

    int horizontal() {
        return horizontal;
    }

    int vertical() {
        return vertical;
    }
}
