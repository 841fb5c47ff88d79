package io.teleflux.codecs.video;

import io.teleflux.video.EncodedFrame;

/**
 * Decides whether an access unit may be decoded, as DimOS's {@code GopBuffer}: a keyframe always may and makes the
 * stream valid; a delta only while the stream is valid, its {@code seq} follows the previous one and its
 * {@code keyframeSeq} is the current keyframe. A seq gap, a foreign {@code keyframeSeq}, or {@link #invalidate()}
 * (the decoder failed) makes the stream invalid until the next keyframe. Not thread-safe: one per decoder.
 */
final class GopGate {

    private long expectedSeq = -1;
    private long keyframeSeq = -1;
    private boolean valid;

    /**
     * Records {@code au} and returns null if it may be decoded, or why not.
     */
    String admit(EncodedFrame au) {
        boolean gap = expectedSeq >= 0 && au.seq() != expectedSeq;
        long expected = expectedSeq;
        expectedSeq = au.seq() + 1;
        if (au.keyframe()) {
            keyframeSeq = au.seq();
            valid = true;
            return null;
        }
        if (gap && valid) {
            valid = false;
            return "seq " + au.seq() + " where " + expected + " was expected: frames were lost";
        }
        if (!valid) {
            return keyframeSeq < 0 ? "the stream has not reached a keyframe yet (seq " + au.seq() + ")"
                    : "waiting for the keyframe after a loss (seq " + au.seq() + ")";
        }
        if (au.keyframeSeq() != keyframeSeq) {
            valid = false;
            return "seq " + au.seq() + " depends on keyframe " + au.keyframeSeq() + ", the current one is "
                    + keyframeSeq;
        }
        return null;
    }

    /** Rejects every delta until the next keyframe. */
    void invalidate() {
        valid = false;
    }

    /** Forgets everything, as at the start of a stream. */
    void reset() {
        expectedSeq = -1;
        keyframeSeq = -1;
        valid = false;
    }

    boolean valid() {
        return valid;
    }
}
