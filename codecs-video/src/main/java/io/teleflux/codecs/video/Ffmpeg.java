package io.teleflux.codecs.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FFmpeg natives: loading (once, quietly), error texts, and a count of the native objects this package holds so
 * that tests can prove every one was freed.
 */
final class Ffmpeg {

    /** {@code AVERROR(EAGAIN)} on Linux; the presets have no constant for it. */
    static final int EAGAIN = -11;
    /** {@code AVERROR(EINVAL)} on Linux. */
    static final int EINVAL = -22;
    /** {@code AV_FRAME_FLAG_CORRUPT}. */
    static final int FRAME_FLAG_CORRUPT = 1;

    private static final Logger LOG = LoggerFactory.getLogger(Ffmpeg.class);
    private static final AtomicInteger LIVE = new AtomicInteger();
    private static volatile boolean loaded;

    private Ffmpeg() {
    }

    /** Loads avutil and avcodec (JavaCPP extracts them to its cache on first use) and silences av_log below errors. */
    static void load() {
        if (!loaded) {
            synchronized (Ffmpeg.class) {
                if (!loaded) {
                    avutil.av_log_set_level(avutil.AV_LOG_QUIET);
                    LOG.debug("FFmpeg {} loaded", avcodec.avcodec_license().getString());
                    loaded = true;
                }
            }
        }
    }

    /** {@code avcodec_license()}, e.g. "GPL version 3 or later". */
    static String license() {
        load();
        return avcodec.avcodec_license().getString();
    }

    static AVCodec encoder(String name) {
        load();
        AVCodec codec = avcodec.avcodec_find_encoder_by_name(name);
        return codec == null || codec.isNull() ? null : codec;
    }

    static AVCodec decoder(String name) {
        load();
        AVCodec codec = avcodec.avcodec_find_decoder_by_name(name);
        return codec == null || codec.isNull() ? null : codec;
    }

    /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input". */
    static String describe(int code) {
        byte[] buffer = new byte[128];
        if (avutil.av_strerror(code, buffer, buffer.length) < 0) {
            return "FFmpeg error " + code;
        }
        int end = 0;
        while (end < buffer.length && buffer[end] != 0) {
            end++;
        }
        return new String(buffer, 0, end, StandardCharsets.UTF_8) + " (" + code + ")";
    }

    /** A new codec context for {@code codec}, counted in {@link #liveNativeObjects()}. */
    static AVCodecContext newContext(AVCodec codec) {
        AVCodecContext context = avcodec.avcodec_alloc_context3(codec);
        allocated();
        return context;
    }

    /** A new, empty AVFrame, counted. */
    static AVFrame newFrame() {
        AVFrame frame = avutil.av_frame_alloc();
        allocated();
        return frame;
    }

    /** A new, empty AVPacket, counted. */
    static AVPacket newPacket() {
        AVPacket packet = avcodec.av_packet_alloc();
        allocated();
        return packet;
    }

    /** Frees {@code context} if not null; returns null, for {@code field = Ffmpeg.free(field)}. */
    static AVCodecContext free(AVCodecContext context) {
        if (context != null) {
            avcodec.avcodec_free_context(context);
            freed();
        }
        return null;
    }

    /** Frees {@code frame} (and its buffers) if not null; returns null. */
    static AVFrame free(AVFrame frame) {
        if (frame != null) {
            avutil.av_frame_free(frame);
            freed();
        }
        return null;
    }

    /** Frees {@code packet} if not null; returns null. */
    static AVPacket free(AVPacket packet) {
        if (packet != null) {
            avcodec.av_packet_free(packet);
            freed();
        }
        return null;
    }

    /** Records one native object (codec context, AVFrame, AVPacket, swscale context) as allocated. */
    private static void allocated() {
        LIVE.incrementAndGet();
    }

    /** Records one native object as freed. */
    private static void freed() {
        LIVE.decrementAndGet();
    }

    /** How many native objects this package holds right now; 0 when every codec was closed. */
    static int liveNativeObjects() {
        return LIVE.get();
    }
}
