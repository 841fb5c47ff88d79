package io.teleflux.codecs.video;

import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.PixelFormat;
import io.teleflux.video.VideoCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Decodes H.264 access units ({@link EncodedFrame}s) to I420 {@link Frame}s with FFmpeg's {@code h264} decoder
 * (single-threaded, so one picture comes out per access unit, at once).
 *
 * <p><b>Never decodes across a gap.</b> FFmpeg conceals lost or damaged references silently, so this decoder tracks
 * the GOP itself: an access unit is refused with {@link MissingKeyframeException} when the stream has not reached a
 * keyframe, a {@code seq} is missing or repeated, its {@code keyframeSeq} is not the current keyframe, or an earlier
 * access unit of the GOP failed. FFmpeg failures map to {@link InvalidBitstreamException} (rejected data) and
 * {@link DamagedFrameException} (a picture FFmpeg flagged as concealed); every failure invalidates the stream until
 * the next keyframe, which always decodes. The decoder never sends FFmpeg a null or empty packet (that would drain it
 * for good).
 *
 * <p><b>Output.</b> A new frame the caller owns (heap memory, recycled for later pictures after its last release: do
 * not keep its {@code data()} past that), I420, with {@code id = seq},
 * timestamp {@link Instant#EPOCH} and frame id {@code ""} (an access unit carries neither).
 *
 * <p><b>Resources.</b> Native memory from {@link #open()} until {@link #close()}. Thread-safe: calls are serialised;
 * {@link #close()} waits for a running {@code decode} and makes later calls throw {@link IllegalStateException}.
 */
public final class H264Decoder implements AutoCloseable {

    /** Pixel arrays of released output frames, reused for the next pictures (a few; the rest is garbage). */
    private final ArrayBlockingQueue<byte[]> recycled = new ArrayBlockingQueue<>(4);
    private final GopGate gate = new GopGate();
    private AVCodecContext context;
    private AVFrame picture;
    private AVPacket packet;
    private boolean closed;

    private H264Decoder() {
    }

    /**
     * A decoder, ready for a stream that starts at a keyframe.
     *
     * @throws CodecUnavailableException if the natives have no h264 decoder
     * @throws VideoDecodingException if FFmpeg cannot open it
     */
    public static H264Decoder open() {
        H264Decoder decoder = new H264Decoder();
        decoder.start();
        return decoder;
    }

    private void start() {
        AVCodec codec = Ffmpeg.decoder("h264");
        if (codec == null) {
            throw new CodecUnavailableException("FFmpeg has no h264 decoder in these natives");
        }
        context = Ffmpeg.newContext(codec);
        picture = Ffmpeg.newFrame();
        packet = Ffmpeg.newPacket();
        context.thread_count(1);
        int rc = avcodec.avcodec_open2(context, codec, (AVDictionary) null);
        if (rc < 0) {
            freeNative();
            throw new VideoDecodingException("avcodec_open2(h264) failed: " + Ffmpeg.describe(rc), rc);
        }
    }

    /**
     * Decodes one access unit.
     *
     * @return the picture, or empty if FFmpeg produced none for this access unit (it does not happen with the
     *         Constrained Baseline streams of {@link H264Encoder}); the caller owns and releases the frame
     * @throws MissingKeyframeException if the access unit cannot be decoded correctly now (see the class description)
     * @throws InvalidBitstreamException if FFmpeg rejects the data
     * @throws DamagedFrameException if FFmpeg flags the picture as damaged
     * @throws VideoDecodingException for another FFmpeg failure, or an access unit that is not H.264
     * @throws IllegalStateException if the decoder is closed
     */
    public synchronized Optional<Frame> decode(EncodedFrame au) {
        Objects.requireNonNull(au, "au");
        if (closed) {
            throw new IllegalStateException("decoder is closed");
        }
        if (au.codec() != VideoCodec.H264) {
            throw new VideoDecodingException("not an H.264 access unit: " + au);
        }
        String refusal = gate.admit(au);
        if (refusal != null) {
            throw new MissingKeyframeException(refusal);
        }
        try {
            send(au);
            return receive(au);
        } catch (VideoDecodingException e) {
            gate.invalidate();
            throw e;
        }
    }

    /**
     * Forgets the stream, as after a seek: FFmpeg's buffers are flushed and the next access unit must be a keyframe.
     *
     * @throws IllegalStateException if the decoder is closed
     */
    public synchronized void reset() {
        if (closed) {
            throw new IllegalStateException("decoder is closed");
        }
        avcodec.avcodec_flush_buffers(context);
        gate.reset();
    }

    /** Whether the next delta frame would be refused: no keyframe yet, or the stream was invalidated. */
    public synchronized boolean awaitingKeyframe() {
        return !gate.valid();
    }

    private void send(EncodedFrame au) {
        byte[] data = au.data(); // never empty: EncodedFrame guarantees at least one byte
        int rc = avcodec.av_new_packet(packet, data.length);
        if (rc < 0) {
            throw new VideoDecodingException("av_new_packet failed: " + Ffmpeg.describe(rc), rc);
        }
        try {
            packet.data().put(data);
            packet.pts(au.pts());
            rc = avcodec.avcodec_send_packet(context, packet);
        } finally {
            avcodec.av_packet_unref(packet);
        }
        if (rc < 0) {
            throw failure("seq " + au.seq() + ": FFmpeg rejected the access unit: ", rc);
        }
    }

    private Optional<Frame> receive(EncodedFrame au) {
        Frame last = null;
        try {
            while (true) {
                int rc = avcodec.avcodec_receive_frame(context, picture);
                if (rc == Ffmpeg.EAGAIN) {
                    break;
                }
                if (rc < 0) {
                    throw failure("seq " + au.seq() + ": FFmpeg failed to decode: ", rc);
                }
                try {
                    int errors = picture.decode_error_flags();
                    if (errors != 0 || (picture.flags() & Ffmpeg.FRAME_FLAG_CORRUPT) != 0) {
                        throw new DamagedFrameException("seq " + au.seq() + ": FFmpeg concealed errors in the picture"
                                + " (decode_error_flags " + errors + ")", errors);
                    }
                    if (last != null) {
                        last.release();
                    }
                    last = toFrame(au.seq());
                } finally {
                    avutil.av_frame_unref(picture);
                }
            }
        } catch (RuntimeException e) {
            if (last != null) {
                last.release();
            }
            throw e;
        }
        return Optional.ofNullable(last);
    }

    private Frame toFrame(long seq) {
        int format = picture.format();
        if (format != avutil.AV_PIX_FMT_YUV420P && format != avutil.AV_PIX_FMT_YUVJ420P) {
            throw new VideoDecodingException("unsupported decoded pixel format " + format + " (only 4:2:0 8-bit)");
        }
        int w = picture.width();
        int h = picture.height();
        FrameInfo info = new FrameInfo(PixelFormat.I420, w, h, Instant.EPOCH, seq, "");
        byte[] pixels = recycled.poll();
        if (pixels == null || pixels.length != info.bufferSize()) {
            pixels = new byte[info.bufferSize()];
        }
        Planes.avFrameToPacked(picture, w, h, (w + 1) / 2, (h + 1) / 2, pixels);
        // when the last holder releases the frame its array comes back here (or is dropped if enough are waiting)
        return Frame.wrap(info, ByteBuffer.wrap(pixels), buffer -> recycled.offer(buffer.array()));
    }

    private static VideoDecodingException failure(String prefix, int rc) {
        String message = prefix + Ffmpeg.describe(rc);
        if (rc == avutil.AVERROR_INVALIDDATA || rc == Ffmpeg.EINVAL || rc == avutil.AVERROR_UNKNOWN) {
            return new InvalidBitstreamException(message, rc);
        }
        return new VideoDecodingException(message, rc);
    }

    /** Frees the native decoder. Idempotent. */
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
}
