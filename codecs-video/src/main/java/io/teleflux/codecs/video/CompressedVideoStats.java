package io.teleflux.codecs.video;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of {@link CompressedVideoLcm}'s send and receive sides. Thread-safe; read-only for users.
 */
public final class CompressedVideoStats {

    private final LongAdder sent = new LongAdder();
    private final LongAdder fragmentsSent = new LongAdder();
    private final LongAdder droppedOversize = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder fragmentsReceived = new LongAdder();
    private final LongAdder droppedIncomplete = new LongAdder();
    private final LongAdder droppedGarbled = new LongAdder();
    private final LongAdder droppedMalformed = new LongAdder();
    private final LongAdder droppedBeforeKeyframe = new LongAdder();
    private final LongAdder lostFrames = new LongAdder();

    /** New counters, all zero. */
    public CompressedVideoStats() {
    }

    /** Access units sent (whole or fragmented). */
    public long sent() {
        return sent.sum();
    }

    /** Fragments sent for access units above the channel's maximum message size. */
    public long fragmentsSent() {
        return fragmentsSent.sum();
    }

    /** Access units not sent: above the maximum message size on a channel that may not fragment (not reliable). */
    public long droppedOversize() {
        return droppedOversize.sum();
    }

    /** Access units received and emitted. */
    public long received() {
        return received.sum();
    }

    /** Fragments received. */
    public long fragmentsReceived() {
        return fragmentsReceived.sum();
    }

    /** Fragmented messages abandoned because a new message started before they were complete. */
    public long droppedIncomplete() {
        return droppedIncomplete.sum();
    }

    /** Fragments that did not fit the message being reassembled (wrong offset, seq or length), or did not parse. */
    public long droppedGarbled() {
        return droppedGarbled.sum();
    }

    /** Messages that were not a well-formed H.264 {@code CompressedVideo}, or over the reassembly limit. */
    public long droppedMalformed() {
        return droppedMalformed.sum();
    }

    /** Delta frames received before the first keyframe (their size is unknown; no decoder could use them). */
    public long droppedBeforeKeyframe() {
        return droppedBeforeKeyframe.sum();
    }

    /** Reference frames detected as lost from gaps in H.264 {@code frame_num} (on unreliable channels). */
    public long lostFrames() {
        return lostFrames.sum();
    }

    void countSent(int fragments) {
        sent.increment();
        fragmentsSent.add(fragments);
    }

    void countOversize() {
        droppedOversize.increment();
    }

    void countReceived() {
        received.increment();
    }

    void countFragment() {
        fragmentsReceived.increment();
    }

    void countIncomplete() {
        droppedIncomplete.increment();
    }

    void countGarbled() {
        droppedGarbled.increment();
    }

    void countMalformed() {
        droppedMalformed.increment();
    }

    void countBeforeKeyframe() {
        droppedBeforeKeyframe.increment();
    }

    void countLost(long frames) {
        lostFrames.add(frames);
    }

    @Override
    public String toString() {
        return "CompressedVideoStats[sent " + sent() + " (" + fragmentsSent() + " fragments), oversize "
                + droppedOversize() + "; received " + received() + " (" + fragmentsReceived() + " fragments), "
                + "incomplete " + droppedIncomplete() + ", garbled " + droppedGarbled() + ", malformed "
                + droppedMalformed() + ", before keyframe " + droppedBeforeKeyframe() + ", lost " + lostFrames()
                + "]";
    }
}
