package io.teleflux.codecs.video;

import io.teleflux.MessageDecodingException;

/**
 * An encoded video frame could not be turned into pixels. The subclasses say why; {@link #ffmpegError()} carries
 * FFmpeg's negative error code when FFmpeg reported one. In the Reactor operators of {@link H264} every such failure is
 * a counted drop ({@link DecodeStats}), never the end of the stream.
 */
public class VideoDecodingException extends MessageDecodingException {
    private static final long serialVersionUID = 1L;

    private final int ffmpegError;

    public VideoDecodingException(String message) {
        this(message, 0);
    }

    public VideoDecodingException(String message, int ffmpegError) {
        super(message);
        this.ffmpegError = ffmpegError;
    }

    /** FFmpeg's negative error code (e.g. {@code AVERROR_INVALIDDATA}), or 0 if FFmpeg did not report the failure. */
    public int ffmpegError() {
        return ffmpegError;
    }
}
