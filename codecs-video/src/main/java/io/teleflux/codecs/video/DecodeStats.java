package io.teleflux.codecs.video;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of a decode pipeline ({@link H264#decode(org.reactivestreams.Publisher, H264DecodeOptions)}): what was
 * decoded, and every access unit dropped, by reason. Thread-safe; share one instance between pipelines to add them up.
 * Read-only for users: the pipeline counts.
 */
public final class DecodeStats {

    private final LongAdder decoded = new LongAdder();
    private final LongAdder waitingForKeyframe = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final LongAdder damaged = new LongAdder();
    private final LongAdder backpressure = new LongAdder();
    private final LongAdder keyframeRequests = new LongAdder();

    /** New counters, all zero. */
    public DecodeStats() {
    }

    /** Pictures emitted. */
    public long decoded() {
        return decoded.sum();
    }

    /** Access units refused: they depend on a keyframe that was not decoded ({@link MissingKeyframeException}). */
    public long droppedWaitingForKeyframe() {
        return waitingForKeyframe.sum();
    }

    /** Access units FFmpeg rejected ({@link InvalidBitstreamException} and other {@link VideoDecodingException}s). */
    public long droppedInvalid() {
        return invalid.sum();
    }

    /** Pictures FFmpeg flagged as damaged ({@link DamagedFrameException}). */
    public long droppedDamaged() {
        return damaged.sum();
    }

    /** Access units skipped because the consumer was too slow (the pipeline skipped to the next keyframe). */
    public long droppedBackpressure() {
        return backpressure.sum();
    }

    /** Every dropped access unit, whatever the reason. */
    public long dropped() {
        return droppedWaitingForKeyframe() + droppedInvalid() + droppedDamaged() + droppedBackpressure();
    }

    /** How many times the pipeline asked upstream for a keyframe (once per loss, not per dropped access unit). */
    public long keyframeRequests() {
        return keyframeRequests.sum();
    }

    void countDecoded() {
        decoded.increment();
    }

    void countFailure(VideoDecodingException e) {
        if (e instanceof MissingKeyframeException) {
            waitingForKeyframe.increment();
        } else if (e instanceof DamagedFrameException) {
            damaged.increment();
        } else {
            invalid.increment();
        }
    }

    void countBackpressure(long frames) {
        backpressure.add(frames);
    }

    void countKeyframeRequest() {
        keyframeRequests.increment();
    }

    @Override
    public String toString() {
        return "DecodeStats[decoded " + decoded() + ", dropped: waiting for keyframe " + droppedWaitingForKeyframe()
                + ", invalid " + droppedInvalid() + ", damaged " + droppedDamaged() + ", backpressure "
                + droppedBackpressure() + "; keyframe requests " + keyframeRequests() + "]";
    }
}
