package io.teleflux.codecs.video;

import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.Frames;
import io.teleflux.video.PixelFormat;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.ShortPointer;

/**
 * Frames to baseline JPEG and back, with FFmpeg's {@code mjpeg} encoder and decoder. Defaults as DimOS's memory
 * {@code JpegCodec}: quality 50, {@link ChromaSubsampling#YUV422}.
 *
 * <p><b>Quality.</b> 1 (smallest) to 100 (best), exactly as libjpeg (and TurboJPEG, ImageIO) define it: the T.81
 * Annex K tables scaled by {@code q < 50 ? 5000/q : 200 - 2q} percent, entries clamped to [1, 255], handed to FFmpeg
 * as its quantisation matrices. FFmpeg quantises DC with a fixed step of 8 and builds optimal Huffman tables, so sizes
 * are close to, not identical with, libjpeg-turbo's.
 *
 * <p><b>Colour.</b> Any {@link PixelFormat} is converted to RGB with {@link Frames#convert} and then to full-range
 * YCbCr (JFIF). {@link #decode(byte[])} returns {@link PixelFormat#RGB24} (greyscale JPEGs too).
 *
 * <p><b>Resources.</b> Native encoder and decoder from {@link #open} to {@link #close()}; thread-safe, calls are
 * serialised; {@link #close()} is idempotent and later calls throw {@link IllegalStateException}.
 */
public final class JpegCodec implements AutoCloseable {

    /** The default quality: 50. */
    public static final int DEFAULT_QUALITY = 50;
    /** The default subsampling: 4:2:2. */
    public static final ChromaSubsampling DEFAULT_SUBSAMPLING = ChromaSubsampling.YUV422;
    /** The largest JPEG {@link #decode(byte[])} accepts: 64 MiB. */
    public static final int MAX_SIZE = 64 * 1024 * 1024;

    private final int quality;
    private final ChromaSubsampling subsampling;
    private AVCodecContext encoder;
    private int encoderWidth;
    private int encoderHeight;
    private AVCodecContext decoder;
    private AVFrame picture;
    private AVPacket packet;
    private boolean closed;
    private long encoded;

    private JpegCodec(int quality, ChromaSubsampling subsampling) {
        this.quality = quality;
        this.subsampling = subsampling;
    }

    /** A codec with quality 50 and 4:2:2. */
    public static JpegCodec open() {
        return open(DEFAULT_QUALITY, DEFAULT_SUBSAMPLING);
    }

    /**
     * A codec with this quality and subsampling.
     *
     * @param quality 1 to 100
     * @throws IllegalArgumentException if quality is out of range
     */
    public static JpegCodec open(int quality, ChromaSubsampling subsampling) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be in [1, 100], was " + quality);
        }
        Objects.requireNonNull(subsampling, "subsampling");
        JpegCodec codec = new JpegCodec(quality, subsampling);
        codec.startDecoder();
        return codec;
    }

    /** The quality, 1 to 100. */
    public int quality() {
        return quality;
    }

    /** The chroma subsampling of encoded images. */
    public ChromaSubsampling subsampling() {
        return subsampling;
    }

    /** The quantiser FFmpeg multiplies the tables by, over 8: 8 leaves {@link #table} values as they are. */
    private static final int QSCALE = 8;

    /** ITU-T T.81 Annex K.1 luminance quantisation table, natural (row-major) order. */
    private static final int[] LUMA = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};

    /** ITU-T T.81 Annex K.1 chrominance quantisation table, natural order. */
    private static final int[] CHROMA = {
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};

    /** libjpeg's {@code jpeg_quality_scaling} applied to a base table: entries in [1, 255]. */
    static int[] table(int[] base, int quality) {
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        int[] out = new int[64];
        for (int i = 0; i < 64; i++) {
            out[i] = Math.max(1, Math.min(255, (base[i] * scale + 50) / 100));
        }
        return out;
    }

    static int[] lumaTable(int quality) {
        return table(LUMA, quality);
    }

    /** A table in memory FFmpeg owns: {@code avcodec_free_context} frees it with {@code av_freep}. */
    private static ShortPointer ffmpegTable(int[] values) {
        ShortPointer p = new ShortPointer(avutil.av_malloc(64 * 2)).capacity(64);
        for (int i = 0; i < 64; i++) {
            p.put(i, (short) values[i]);
        }
        return p;
    }

    /**
     * Encodes one frame (not released: the caller keeps its reference).
     *
     * @throws VideoEncodingException if FFmpeg fails
     * @throws IllegalStateException if the codec is closed or the frame released
     */
    public synchronized byte[] encode(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        ensureOpen();
        int w = frame.width();
        int h = frame.height();
        byte[] planes;
        try (Frame rgb = Frames.convert(frame, PixelFormat.RGB24)) {
            byte[] pixels = new byte[rgb.info().bufferSize()];
            rgb.data().get(pixels);
            planes = JfifColour.rgbToPlanes(pixels, w, h, subsampling);
        }
        if (encoder == null || w != encoderWidth || h != encoderHeight) {
            openEncoder(w, h);
        }
        AVFrame input = Ffmpeg.newFrame();
        try {
            input.format(encoder.pix_fmt());
            input.width(w);
            input.height(h);
            check(avutil.av_frame_get_buffer(input, 0), "av_frame_get_buffer");
            Planes.packedToAvFrame(ByteBuffer.wrap(planes), w, h, subsampling.chromaWidth(w),
                    subsampling.chromaHeight(h), input);
            input.quality(QSCALE * avutil.FF_QP2LAMBDA);
            input.pts(encoded++); // FFmpeg refuses a repeated pts
            check(avcodec.avcodec_send_frame(encoder, input), "avcodec_send_frame");
            int rc = avcodec.avcodec_receive_packet(encoder, packet);
            check(rc, "avcodec_receive_packet");
            try {
                byte[] jpeg = new byte[packet.size()];
                packet.data().get(jpeg);
                return jpeg;
            } finally {
                avcodec.av_packet_unref(packet);
            }
        } finally {
            Ffmpeg.free(input);
        }
    }

    /**
     * Decodes one JPEG into a new {@link PixelFormat#RGB24} frame the caller owns.
     *
     * @throws VideoDecodingException (usually {@link InvalidBitstreamException}) if the bytes are not a JPEG FFmpeg
     *         can decode, are empty or larger than {@link #MAX_SIZE}
     * @throws IllegalStateException if the codec is closed
     */
    public synchronized Frame decode(byte[] jpeg) {
        Objects.requireNonNull(jpeg, "jpeg");
        ensureOpen();
        if (jpeg.length == 0 || jpeg.length > MAX_SIZE) {
            throw new VideoDecodingException("JPEG must have 1 to " + MAX_SIZE + " bytes, had " + jpeg.length);
        }
        avcodec.avcodec_flush_buffers(decoder);
        int rc = avcodec.av_new_packet(packet, jpeg.length);
        if (rc < 0) {
            throw new VideoDecodingException("av_new_packet failed: " + Ffmpeg.describe(rc), rc);
        }
        try {
            packet.data().put(jpeg);
            rc = avcodec.avcodec_send_packet(decoder, packet);
        } finally {
            avcodec.av_packet_unref(packet);
        }
        if (rc < 0) {
            throw decodeFailure(rc);
        }
        rc = avcodec.avcodec_receive_frame(decoder, picture);
        if (rc < 0) {
            throw rc == Ffmpeg.EAGAIN ? new InvalidBitstreamException("FFmpeg produced no picture from the JPEG", rc)
                    : decodeFailure(rc);
        }
        try {
            if (picture.decode_error_flags() != 0 || (picture.flags() & Ffmpeg.FRAME_FLAG_CORRUPT) != 0) {
                throw new DamagedFrameException("FFmpeg concealed errors in the JPEG", picture.decode_error_flags());
            }
            return toRgbFrame();
        } finally {
            avutil.av_frame_unref(picture);
        }
    }

    private Frame toRgbFrame() {
        int w = picture.width();
        int h = picture.height();
        int format = picture.format();
        byte[] rgb;
        if (format == avutil.AV_PIX_FMT_GRAY8) {
            byte[] grey = new byte[w * h];
            ByteBuffer src = picture.data(0).capacity((long) picture.linesize(0) * h).asByteBuffer();
            for (int y = 0; y < h; y++) {
                src.get(y * picture.linesize(0), grey, y * w, w);
            }
            rgb = new byte[w * h * 3];
            for (int i = 0; i < w * h; i++) {
                rgb[3 * i] = grey[i];
                rgb[3 * i + 1] = grey[i];
                rgb[3 * i + 2] = grey[i];
            }
        } else {
            int sx;
            int sy;
            if (format == avutil.AV_PIX_FMT_YUVJ420P || format == avutil.AV_PIX_FMT_YUV420P) {
                sx = 2;
                sy = 2;
            } else if (format == avutil.AV_PIX_FMT_YUVJ422P || format == avutil.AV_PIX_FMT_YUV422P) {
                sx = 2;
                sy = 1;
            } else if (format == avutil.AV_PIX_FMT_YUVJ444P || format == avutil.AV_PIX_FMT_YUV444P) {
                sx = 1;
                sy = 1;
            } else {
                throw new VideoDecodingException("unsupported JPEG layout (FFmpeg pixel format " + format + ")");
            }
            int cw = (w + sx - 1) / sx;
            int ch = (h + sy - 1) / sy;
            byte[] planes = Planes.avFrameToPacked(picture, w, h, cw, ch);
            rgb = JfifColour.planesToRgb(planes, w, h, cw, ch, sx, sy);
        }
        return Frame.wrap(FrameInfo.of(PixelFormat.RGB24, w, h), ByteBuffer.wrap(rgb));
    }

    private static VideoDecodingException decodeFailure(int rc) {
        String message = "FFmpeg rejected the JPEG: " + Ffmpeg.describe(rc);
        if (rc == avutil.AVERROR_INVALIDDATA || rc == Ffmpeg.EINVAL) {
            return new InvalidBitstreamException(message, rc);
        }
        return new VideoDecodingException(message, rc);
    }

    private void startDecoder() {
        AVCodec codec = Ffmpeg.decoder("mjpeg");
        if (codec == null) {
            throw new CodecUnavailableException("FFmpeg has no mjpeg decoder in these natives");
        }
        decoder = Ffmpeg.newContext(codec);
        picture = Ffmpeg.newFrame();
        packet = Ffmpeg.newPacket();
        decoder.thread_count(1);
        int rc = avcodec.avcodec_open2(decoder, codec, (AVDictionary) null);
        if (rc < 0) {
            freeNative();
            throw new VideoDecodingException("avcodec_open2(mjpeg) failed: " + Ffmpeg.describe(rc), rc);
        }
    }

    private void openEncoder(int w, int h) {
        freeEncoder();
        AVCodec codec = Ffmpeg.encoder("mjpeg");
        if (codec == null) {
            throw new CodecUnavailableException("FFmpeg has no mjpeg encoder in these natives");
        }
        encoder = Ffmpeg.newContext(codec);
        encoder.width(w);
        encoder.height(h);
        encoder.pix_fmt(switch (subsampling) {
            case YUV420 -> avutil.AV_PIX_FMT_YUVJ420P;
            case YUV422 -> avutil.AV_PIX_FMT_YUVJ422P;
            case YUV444 -> avutil.AV_PIX_FMT_YUVJ444P;
        });
        encoder.color_range(avutil.AVCOL_RANGE_JPEG);
        encoder.time_base(avutil.av_make_q(1, 25));
        encoder.flags(encoder.flags() | avcodec.AV_CODEC_FLAG_QSCALE);
        encoder.global_quality(QSCALE * avutil.FF_QP2LAMBDA);
        encoder.intra_matrix(ffmpegTable(table(LUMA, quality)));
        encoder.chroma_intra_matrix(ffmpegTable(table(CHROMA, quality)));
        encoder.qmin(1);
        encoder.qmax(31);
        encoder.thread_count(1);
        avutil.av_opt_set(encoder.priv_data(), "huffman", "optimal", 0);
        int rc = avcodec.avcodec_open2(encoder, codec, (AVDictionary) null);
        if (rc < 0) {
            freeEncoder();
            throw new VideoEncodingException("avcodec_open2(mjpeg) failed: " + Ffmpeg.describe(rc), rc);
        }
        encoderWidth = w;
        encoderHeight = h;
    }

    private void check(int rc, String what) {
        if (rc < 0) {
            throw new VideoEncodingException(what + " failed: " + Ffmpeg.describe(rc), rc);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("JpegCodec is closed");
        }
    }

    /** Frees the native codecs. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            freeNative();
        }
    }

    private void freeEncoder() {
        encoder = Ffmpeg.free(encoder);
    }

    private void freeNative() {
        freeEncoder();
        packet = Ffmpeg.free(packet);
        picture = Ffmpeg.free(picture);
        decoder = Ffmpeg.free(decoder);
    }
}
