package io.teleflux.webrtc;

import io.teleflux.video.VideoCodec;
import java.util.List;
import java.util.Objects;

/**
 * How a WebRTC session carries video (see {@link WebRtcConfig#withVideo}). Immutable; each {@code with…} returns a
 * copy; bad values fail at once.
 *
 * @param maxFramesPerSecond the most frames sent per second: {@code sendVideo} keeps only the latest frame and pushes
 *                           it at most this often, counting the frames it overwrites as drops. Above 0, at most 240.
 *                           Default: 30.
 * @param codecs             the codecs offered and accepted, in order of preference (the transceiver's codec
 *                           preferences). Not empty; H.265 is not available in webrtc-java 0.14.0. Default: H.264,
 *                           then VP8.
 * @param maxBitrate         the encoder's ceiling in bits per second, or 0 for libwebrtc's own (about 1.7 Mbit/s at
 *                           640×480). Default: 0.
 */
public record VideoOptions(double maxFramesPerSecond, List<VideoCodec> codecs, int maxBitrate) {

    /** The default {@link #maxFramesPerSecond()}: 30. */
    public static final double DEFAULT_MAX_FRAMES_PER_SECOND = 30;
    /** The default {@link #codecs()}: H.264, then VP8. */
    public static final List<VideoCodec> DEFAULT_CODECS = List.of(VideoCodec.H264, VideoCodec.VP8);

    public VideoOptions {
        codecs = List.copyOf(codecs);
        if (!(maxFramesPerSecond > 0 && maxFramesPerSecond <= 240)) {
            throw new IllegalArgumentException("maxFramesPerSecond must be in (0, 240], was " + maxFramesPerSecond);
        }
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("codecs must not be empty");
        }
        if (codecs.contains(VideoCodec.H265)) {
            throw new IllegalArgumentException("H.265 is not available in webrtc-java 0.14.0, was in " + codecs);
        }
        if (maxBitrate < 0) {
            throw new IllegalArgumentException("maxBitrate must not be negative, was " + maxBitrate);
        }
    }

    /** The defaults: 30 fps, H.264 then VP8, libwebrtc's bitrate. */
    public static VideoOptions defaults() {
        return new VideoOptions(DEFAULT_MAX_FRAMES_PER_SECOND, DEFAULT_CODECS, 0);
    }

    /** A copy with another frame rate ceiling. */
    public VideoOptions withMaxFramesPerSecond(double fps) {
        return new VideoOptions(fps, codecs, maxBitrate);
    }

    /** A copy with these codecs, in order of preference. */
    public VideoOptions withCodecs(VideoCodec... codecs) {
        Objects.requireNonNull(codecs, "codecs");
        return new VideoOptions(maxFramesPerSecond, List.of(codecs), maxBitrate);
    }

    /** A copy with another bitrate ceiling (0: libwebrtc's own). */
    public VideoOptions withMaxBitrate(int bitsPerSecond) {
        return new VideoOptions(maxFramesPerSecond, codecs, bitsPerSecond);
    }
}
