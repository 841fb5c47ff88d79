package io.teleflux.codecs.video;

import java.util.Objects;

/**
 * How {@link H264#decode(org.reactivestreams.Publisher, H264DecodeOptions)} runs. Immutable; each {@code with…}
 * returns a copy. Defaults: a buffer of 30 access units, fresh {@link DecodeStats}, no keyframe-request callback.
 */
public final class H264DecodeOptions {

    private static final Runnable NOTHING = () -> { };

    private final int buffer;
    private final DecodeStats stats;
    private final Runnable onKeyframeNeeded;

    private H264DecodeOptions(int buffer, DecodeStats stats, Runnable onKeyframeNeeded) {
        this.buffer = buffer;
        this.stats = stats;
        this.onKeyframeNeeded = onKeyframeNeeded;
    }

    /** The defaults; each call has its own {@link DecodeStats}. */
    public static H264DecodeOptions defaults() {
        return new H264DecodeOptions(30, new DecodeStats(), NOTHING);
    }

    /**
     * A copy holding at most {@code accessUnits} undecoded access units for a slow consumer; when it overflows the
     * pipeline drops them and skips to the next keyframe ({@link H264#skipToKeyframeOnOverflow}). Default 30; 1 to
     * 10,000.
     */
    public H264DecodeOptions withBuffer(int accessUnits) {
        if (accessUnits < 1 || accessUnits > 10_000) {
            throw new IllegalArgumentException("buffer must be in [1, 10000] access units, was " + accessUnits);
        }
        return new H264DecodeOptions(accessUnits, stats, onKeyframeNeeded);
    }

    /** A copy counting into {@code stats}; default: fresh counters per options instance. */
    public H264DecodeOptions withStats(DecodeStats stats) {
        return new H264DecodeOptions(buffer, Objects.requireNonNull(stats, "stats"), onKeyframeNeeded);
    }

    /**
     * A copy that calls {@code onKeyframeNeeded} when the stream becomes undecodable (start on a delta frame, a loss,
     * damage), once per loss, on the decoding thread; e.g. {@code encoder::requestKeyframe} or a PLI to the sender.
     * It must not block; an exception it throws is logged and ignored. Default: nothing.
     */
    public H264DecodeOptions withKeyframeRequests(Runnable onKeyframeNeeded) {
        return new H264DecodeOptions(buffer, stats, Objects.requireNonNull(onKeyframeNeeded, "onKeyframeNeeded"));
    }

    /** The buffer size in access units; default 30. */
    public int buffer() {
        return buffer;
    }

    /** The counters this pipeline adds to. */
    public DecodeStats stats() {
        return stats;
    }

    /** The keyframe-request callback; default does nothing. */
    public Runnable keyframeRequests() {
        return onKeyframeNeeded;
    }
}
