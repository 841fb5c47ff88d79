package io.teleflux.codecs.video;

import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import io.teleflux.video.Frames;
import io.teleflux.video.PixelFormat;
import io.teleflux.video.VideoCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes raw {@link Frame}s to H.264: <b>exactly one Annex B access unit per input frame</b>, Constrained Baseline,
 * with SPS and PPS in every IDR, an IDR every {@link H264EncoderOptions#keyframeInterval()} frames and on
 * {@link #requestKeyframe()}. Options and defaults: {@link H264EncoderOptions}.
 *
 * <p><b>Output metadata.</b> {@code seq} counts frames from 0; {@code keyframeSeq} is the seq of the IDR the frame
 * depends on; {@code pts} is in 90 kHz units from the first frame's capture timestamp (or, for frames whose timestamp
 * is {@link Instant#EPOCH}, {@code seq × 90000 / frameRate}); width and height are those actually encoded (odd sizes
 * are cropped to even). A frame of another size than the previous one restarts the encoder with an IDR.
 *
 * <p><b>Input.</b> Any {@link PixelFormat}, converted with {@link Frames#convert} to I420 when needed (I420 input is
 * copied straight into the encoder). {@link #encode(Frame)} does <b>not</b> release the frame: the caller keeps its
 * reference.
 *
 * <p><b>Resources.</b> The encoder owns native memory from {@link #open} until {@link #close()}; use
 * try-with-resources. Thread-safe: calls are serialised, {@link #close()} waits for a running {@code encode} and makes
 * later calls throw {@link IllegalStateException}. {@link #requestKeyframe()} never blocks.
 */
public final class H264Encoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H264Encoder.class);
    private static final int PTS_HZ = 90_000;

    private final H264EncoderOptions options;
    private final H264Implementation implementation;

    private AVCodecContext context;
    private AVFrame picture;
    private AVPacket packet;
    private int width;
    private int height;
    private long seq;
    private long keyframeSeq = -1;
    private Instant origin;
    private boolean closed;
    private volatile boolean keyframeRequested;

    private H264Encoder(H264EncoderOptions options, H264Implementation implementation) {
        this.options = options;
        this.implementation = implementation;
    }

    /**
     * An encoder with {@code options}. The implementation is resolved now (and logged); the native encoder opens at
     * the first frame, whose size it takes.
     *
     * @throws CodecUnavailableException if the requested implementation is not in the natives on the class path
     */
    public static H264Encoder open(H264EncoderOptions options) {
        Objects.requireNonNull(options, "options");
        H264Implementation chosen = options.implementation().resolve();
        LOG.info("H.264 encoder: {} (requested {}, FFmpeg {})", chosen.ffmpegName(), options.implementation(),
                Ffmpeg.license());
        return new H264Encoder(options, chosen);
    }

    /** An encoder with {@link H264EncoderOptions#defaults()}. */
    public static H264Encoder open() {
        return open(H264EncoderOptions.defaults());
    }

    /** The implementation in use, never {@link H264Implementation#AUTO}. */
    public H264Implementation implementation() {
        return implementation;
    }

    /** The options this encoder was opened with. */
    public H264EncoderOptions options() {
        return options;
    }

    /** Makes the next encoded frame an IDR (with SPS/PPS). Callable from any thread; requests coalesce. */
    public void requestKeyframe() {
        keyframeRequested = true;
    }

    /**
     * Encodes one frame into one access unit. Does not release {@code frame}.
     *
     * @throws VideoEncodingException if FFmpeg fails, or emits no or several packets for the frame
     * @throws IllegalArgumentException if a dimension of the frame is 1 (cannot be cropped to an even size)
     * @throws IllegalStateException if the encoder is closed or the frame released
     */
    public synchronized EncodedFrame encode(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        if (closed) {
            throw new IllegalStateException("encoder is closed");
        }
        try (Frame even = Frames.cropToEven(frame); Frame i420 = Frames.convert(even, PixelFormat.I420)) {
            if (context == null || i420.width() != width || i420.height() != height) {
                reopen(i420.width(), i420.height());
            }
            boolean forceIdr = keyframeRequested || keyframeSeq < 0
                    || seq - keyframeSeq >= options.keyframeInterval();
            keyframeRequested = false;
            check(avutil.av_frame_make_writable(picture), "av_frame_make_writable");
            Planes.i420ToAvFrame(i420.data(), width, height, picture);
            picture.pict_type(forceIdr ? avutil.AV_PICTURE_TYPE_I : avutil.AV_PICTURE_TYPE_NONE);
            picture.pts(seq);
            check(avcodec.avcodec_send_frame(context, picture), "avcodec_send_frame");
            byte[] au = receiveOnePacket();
            boolean idr = AnnexB.isIdr(au);
            if (idr) {
                keyframeSeq = seq;
            } else if (keyframeSeq < 0) {
                throw new VideoEncodingException("the encoder's first access unit is not an IDR", 0);
            }
            EncodedFrame out = new EncodedFrame(VideoCodec.H264, seq, idr, keyframeSeq, pts(frame.timestamp()), width,
                    height, au);
            seq++;
            return out;
        }
    }

    private long pts(Instant timestamp) {
        if (timestamp.equals(Instant.EPOCH)) {
            return seq * PTS_HZ / options.frameRate();
        }
        if (origin == null) {
            origin = timestamp;
        }
        Duration since = Duration.between(origin, timestamp);
        return Math.max(0, since.getSeconds() * PTS_HZ + since.getNano() * (long) PTS_HZ / 1_000_000_000L);
    }

    private byte[] receiveOnePacket() {
        byte[] au = null;
        while (true) {
            int rc = avcodec.avcodec_receive_packet(context, packet);
            if (rc == Ffmpeg.EAGAIN || rc == avutil.AVERROR_EOF) {
                break;
            }
            check(rc, "avcodec_receive_packet");
            try {
                if (au != null) {
                    throw new VideoEncodingException("the encoder emitted more than one packet for frame " + seq, 0);
                }
                au = new byte[packet.size()];
                packet.data().get(au);
            } finally {
                avcodec.av_packet_unref(packet);
            }
        }
        if (au == null || au.length == 0) {
            throw new VideoEncodingException("the encoder emitted no packet for frame " + seq
                    + " (it must run without lookahead)", 0);
        }
        return au;
    }

    private void reopen(int newWidth, int newHeight) {
        if (context != null) {
            LOG.info("H.264 encoder: size {}x{} -> {}x{}, restarting with an IDR", width, height, newWidth, newHeight);
        }
        freeNative();
        AVCodec codec = Ffmpeg.encoder(implementation.ffmpegName());
        context = Ffmpeg.newContext(codec);
        picture = Ffmpeg.newFrame();
        packet = Ffmpeg.newPacket();
        width = newWidth;
        height = newHeight;
        try {
            configure(context);
            check(avcodec.avcodec_open2(context, codec, (AVDictionary) null), "avcodec_open2(" + implementation
                    .ffmpegName() + ")");
            picture.format(avutil.AV_PIX_FMT_YUV420P);
            picture.width(width);
            picture.height(height);
            check(avutil.av_frame_get_buffer(picture, 0), "av_frame_get_buffer");
        } catch (RuntimeException e) {
            freeNative();
            throw e;
        }
        keyframeSeq = -1;
    }

    private void configure(AVCodecContext c) {
        c.width(width);
        c.height(height);
        c.pix_fmt(avutil.AV_PIX_FMT_YUV420P);
        c.time_base(avutil.av_make_q(1, options.frameRate()));
        c.framerate(avutil.av_make_q(options.frameRate(), 1));
        c.gop_size(options.keyframeInterval());
        c.max_b_frames(0);
        c.thread_count(options.threads());
        c.level(options.level());
        boolean crf = options.rateControl() == H264EncoderOptions.RateControl.CRF;
        if (implementation == H264Implementation.X264) {
            option(c, "profile", "baseline");
            option(c, "preset", options.preset());
            option(c, "tune", "zerolatency");
            option(c, "forced-idr", "1");
            option(c, "sc_threshold", "0"); // IDRs only where we put them: keyframeSeq stays predictable
            if (crf) {
                option(c, "crf", Integer.toString(options.crf()));
            } else {
                c.bit_rate(options.bitrate());
            }
        } else {
            c.profile(avcodec.AV_PROFILE_H264_CONSTRAINED_BASELINE);
            c.bit_rate(options.bitrate());
        }
    }

    private static void option(AVCodecContext c, String name, String value) {
        int rc = avutil.av_opt_set(c.priv_data(), name, value, 0);
        if (rc < 0) {
            throw new VideoEncodingException("cannot set encoder option " + name + "=" + value + ": "
                    + Ffmpeg.describe(rc), rc);
        }
    }

    private void check(int rc, String what) {
        if (rc < 0) {
            throw new VideoEncodingException(what + " failed: " + Ffmpeg.describe(rc), rc);
        }
    }

    /** Frees the native encoder. Idempotent; later {@link #encode} calls throw {@link IllegalStateException}. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            freeNative();
        }
    }

    private void freeNative() {
        packet = Ffmpeg.free(packet);
        picture = Ffmpeg.free(picture);
        context = Ffmpeg.free(context);
    }

    @Override
    public String toString() {
        return "H264Encoder[" + implementation + ", " + (context == null ? "not started" : width + "x" + height)
                + ", seq " + seq + (closed ? ", closed" : "") + "]";
    }
}
