package io.teleflux.codecs.video;

import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.PixelFormat;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reads the first frames of the project's test video {@code shared/testdata/vtest.avi} (480x360) as I420 with FFmpeg.
 * The file is found in a {@code shared} folder beside the checkout (or any folder above the working directory), or at
 * {@code -Dteleflux.vtest=PATH}.
 */
final class Vtest {

    static final Path FILE = locate();

    private static Path locate() {
        String explicit = System.getProperty("teleflux.vtest");
        if (explicit != null) {
            return Path.of(explicit);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/testdata/vtest.avi");
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        return Path.of("shared/testdata/vtest.avi");
    }

    private Vtest() {
    }

    static boolean available() {
        return Files.isReadable(FILE);
    }

    static List<Frame> frames(int count) {
        Ffmpeg.load();
        List<Frame> out = new ArrayList<>();
        AVFormatContext format = new AVFormatContext(null);
        check(avformat.avformat_open_input(format, FILE.toString(), null, null), "open");
        try {
            check(avformat.avformat_find_stream_info(format, (PointerPointer<?>) null), "find_stream_info");
            int stream = avformat.av_find_best_stream(format, avutil.AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            check(stream, "find_best_stream");
            AVCodec codec = avcodec.avcodec_find_decoder(format.streams(stream).codecpar().codec_id());
            AVCodecContext ctx = avcodec.avcodec_alloc_context3(codec);
            avcodec.avcodec_parameters_to_context(ctx, format.streams(stream).codecpar());
            ctx.thread_count(1);
            check(avcodec.avcodec_open2(ctx, codec, (AVDictionary) null), "open2");
            AVPacket pkt = avcodec.av_packet_alloc();
            AVFrame frame = avutil.av_frame_alloc();
            try {
                while (out.size() < count && avformat.av_read_frame(format, pkt) >= 0) {
                    if (pkt.stream_index() == stream) {
                        avcodec.avcodec_send_packet(ctx, pkt);
                        while (out.size() < count && avcodec.avcodec_receive_frame(ctx, frame) >= 0) {
                            int w = frame.width() & ~1;
                            int h = frame.height() & ~1;
                            byte[] pixels = Planes.avFrameToPacked(frame, w, h, w / 2, h / 2);
                            out.add(Frame.wrap(FrameInfo.of(PixelFormat.I420, w, h).withId(out.size()),
                                    ByteBuffer.wrap(pixels)));
                            avutil.av_frame_unref(frame);
                        }
                    }
                    avcodec.av_packet_unref(pkt);
                }
            } finally {
                avutil.av_frame_free(frame);
                avcodec.av_packet_free(pkt);
                avcodec.avcodec_free_context(ctx);
            }
        } finally {
            avformat.avformat_close_input(format);
        }
        return out;
    }

    private static void check(int rc, String what) {
        if (rc < 0) {
            throw new IllegalStateException(what + ": " + Ffmpeg.describe(rc));
        }
    }
}
