package io.teleflux.codecs.video;

import io.teleflux.MessageEncodingException;

/** A raw frame could not be encoded; {@link #ffmpegError()} carries FFmpeg's negative error code if it reported one. */
public class VideoEncodingException extends MessageEncodingException {
    private static final long serialVersionUID = 1L;

    private final int ffmpegError;

    public VideoEncodingException(String message, int ffmpegError) {
        super(message);
        this.ffmpegError = ffmpegError;
    }

    /** FFmpeg's negative error code, or 0 if the failure did not come from FFmpeg. */
    public int ffmpegError() {
        return ffmpegError;
    }
}
