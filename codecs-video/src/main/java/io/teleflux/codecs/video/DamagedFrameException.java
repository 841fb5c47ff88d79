package io.teleflux.codecs.video;

/**
 * FFmpeg produced a picture but flagged it as damaged ({@code decode_error_flags} or {@code AV_FRAME_FLAG_CORRUPT}):
 * it concealed errors. The picture is dropped, and so is everything up to the next keyframe, because FFmpeg does not
 * flag the frames that inherit the damage.
 */
public class DamagedFrameException extends VideoDecodingException {
    private static final long serialVersionUID = 1L;

    private final int decodeErrorFlags;

    public DamagedFrameException(String message, int decodeErrorFlags) {
        super(message);
        this.decodeErrorFlags = decodeErrorFlags;
    }

    /** FFmpeg's {@code decode_error_flags} of the dropped picture (0 if only {@code AV_FRAME_FLAG_CORRUPT} was set). */
    public int decodeErrorFlags() {
        return decodeErrorFlags;
    }
}
