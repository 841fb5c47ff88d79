package io.teleflux.store;

import io.teleflux.BackpressurePolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link StoreStream#record(org.reactivestreams.Publisher, RecordOptions)} does when the producer is faster than
 * the disk. Immutable.
 *
 * <p>By default ({@link #WAIT}) the producer waits: the recorder requests at most four batches ahead of what was
 * committed ({@code 4 × batchSize}, the prefetch of Reactor's fair {@code bufferTimeout}), so a cold producer (a
 * file, a generator) is slowed down to the disk's pace and nothing is lost. A producer that cannot wait (a camera,
 * a hot {@code Sinks} or a network {@code Flux}) overflows the recorder, which then fails with
 * {@link RecordOverflowException}; give such a producer a {@link BackpressurePolicy} instead, applied in front of the
 * recorder:
 * <ul>
 *   <li><b>Unicast:</b> one recording per {@code record} call.</li>
 *   <li><b>Backpressure:</b> the queue of {@link BackpressurePolicy#capacity() capacity} items fills while a batch is
 *   being committed; what happens when it is full is the policy's ({@code LATEST}: the newest replaces the queued
 *   one; {@code DROP_OLDEST}/{@code DROP_LATEST}: an item is discarded; {@code BUFFER}: the recording ends with
 *   {@link RecordOverflowException}).</li>
 *   <li><b>Replay:</b> none.</li>
 *   <li><b>Discarded:</b> every item received but never written is counted in {@link StreamStats#dropped()}; a
 *   discarded {@link io.teleflux.video.Frame} is released.</li>
 * </ul>
 * Dropping from an H.264 stream of {@link io.teleflux.video.EncodedFrame}s leaves a gap: readers skip the frames that
 * depend on the lost one, up to the next keyframe.
 */
public final class RecordOptions {

    /** The default: the producer waits for the disk (bounded requests), nothing is dropped. */
    public static final RecordOptions WAIT = new RecordOptions(null);

    private final BackpressurePolicy overflow;

    private RecordOptions(BackpressurePolicy overflow) {
        this.overflow = overflow;
    }

    /** For a producer that cannot wait: {@code policy} decides what is dropped (and counted) when it is full. */
    public static RecordOptions overflow(BackpressurePolicy policy) {
        return new RecordOptions(Objects.requireNonNull(policy, "policy"));
    }

    /** The overflow policy, empty for {@link #WAIT}. */
    public Optional<BackpressurePolicy> overflowPolicy() {
        return Optional.ofNullable(overflow);
    }

    @Override
    public String toString() {
        return overflow == null ? "WAIT" : "overflow " + overflow;
    }
}
