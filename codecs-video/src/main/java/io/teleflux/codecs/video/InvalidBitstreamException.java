package io.teleflux.codecs.video;

/**
 * FFmpeg rejected the access unit ({@code AVERROR_INVALIDDATA}: no start code, a NAL unit that does not parse, a
 * parameter set that was never received; or {@code AVERROR(EINVAL)}/{@code AVERROR_UNKNOWN} from a stricter
 * decoder). The stream is invalid until the next keyframe.
 */
public class InvalidBitstreamException extends VideoDecodingException {
    private static final long serialVersionUID = 1L;

    public InvalidBitstreamException(String message, int ffmpegError) {
        super(message, ffmpegError);
    }
}
