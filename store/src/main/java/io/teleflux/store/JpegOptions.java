package io.teleflux.store;

import java.util.Objects;

/**
 * How a JPEG stream compresses frames. Immutable; each {@code with…} returns a copy.
 *
 * @param quality 1 to 100; default 50 (DimOS's default)
 * @param subsampling the chroma subsampling; default {@link Subsampling#S422} (PyTurboJPEG's default)
 * @param library the JPEG implementation; default {@link Library#LIBJPEG}
 */
public record JpegOptions(int quality, Subsampling subsampling, Library library) {

    /** Quality 50, 4:2:2, libjpeg tables: the same bytes as DimOS's TurboJPEG store. */
    public static final JpegOptions DEFAULTS = new JpegOptions(50, Subsampling.S422, Library.LIBJPEG);

    /** Chroma subsampling. */
    public enum Subsampling {
        /** Full chroma resolution. */
        S444("4:4:4", 1, 1, io.teleflux.codecs.video.ChromaSubsampling.YUV444),
        /** Half horizontal chroma resolution. */
        S422("4:2:2", 2, 1, io.teleflux.codecs.video.ChromaSubsampling.YUV422),
        /** Half horizontal and vertical chroma resolution (ImageIO's default). */
        S420("4:2:0", 2, 2, io.teleflux.codecs.video.ChromaSubsampling.YUV420);

        private final String label;
        private final int horizontal;
        private final int vertical;
        private final io.teleflux.codecs.video.ChromaSubsampling ffmpeg;

        Subsampling(String label, int horizontal, int vertical, io.teleflux.codecs.video.ChromaSubsampling ffmpeg) {
            this.label = label;
            this.horizontal = horizontal;
            this.vertical = vertical;
            this.ffmpeg = ffmpeg;
        }

        /** For example {@code "4:2:2"}. */
        public String label() {
            return label;
        }

        int horizontal() {
            return horizontal;
        }

        int vertical() {
            return vertical;
        }

        io.teleflux.codecs.video.ChromaSubsampling ffmpeg() {
            return ffmpeg;
        }
    }

    /** Which JPEG implementation writes (and reads) the stream. Both write baseline JFIF that either reads. */
    public enum Library {
        /**
         * The JDK's ImageIO (IJG libjpeg 6b): byte-identical to libjpeg-turbo's {@code cjpeg} and TurboJPEG at the
         * same quality and subsampling, so stores compare with DimOS's byte for byte. Pure Java.
         */
        LIBJPEG,
        /**
         * FFmpeg's {@code mjpeg} through teleflux-codecs-video's {@code JpegCodec}: its own quantiser mapping, so
         * sizes and quality differ from libjpeg's at the same quality setting (the store benchmark compares both).
         */
        FFMPEG
    }

    /** Validates. */
    public JpegOptions {
        Objects.requireNonNull(subsampling, "subsampling");
        Objects.requireNonNull(library, "library");
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be in [1, 100], was " + quality);
        }
    }

    /** A copy with this quality. */
    public JpegOptions withQuality(int quality) {
        return new JpegOptions(quality, subsampling, library);
    }

    /** A copy with this chroma subsampling. */
    public JpegOptions withSubsampling(Subsampling subsampling) {
        return new JpegOptions(quality, subsampling, library);
    }

    /** A copy using this JPEG implementation. */
    public JpegOptions withLibrary(Library library) {
        return new JpegOptions(quality, subsampling, library);
    }
}
