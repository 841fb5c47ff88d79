package io.teleflux.codecs.video;

/**
 * The access unit depends on a keyframe the decoder did not decode: the stream started on a delta frame, a
 * {@code seq} is missing, the delta's {@code keyframeSeq} is not the current keyframe, or an earlier frame of the GOP
 * failed. Nothing is decoded until the next keyframe (FFmpeg would otherwise conceal the gap silently and show
 * corrupted pixels).
 */
public class MissingKeyframeException extends VideoDecodingException {
    private static final long serialVersionUID = 1L;

    public MissingKeyframeException(String message) {
        super(message);
    }
}
