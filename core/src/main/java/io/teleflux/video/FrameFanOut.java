package io.teleflux.video;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Hands each frame to every current subscriber of {@link #flux()}, each with its own reference.
 * <ul>
 *   <li>Multicast, hot: a subscriber sees the frames published while it is subscribed.</li>
 *   <li>Without subscriber: {@link #publish} releases the frame at once.</li>
 *   <li>Backpressure: latest wins per subscriber; at most one frame waits for a slow subscriber, and a frame it
 *   overwrites is released.</li>
 *   <li>Discarded: frames overwritten, or queued when a subscriber cancels, are released.</li>
 * </ul>
 * For providers: one per inbound video track, fed from the transport's thread.
 */
public final class FrameFanOut {

    private final List<FluxSink<Frame>> sinks = new CopyOnWriteArrayList<>();
    private volatile boolean completed;

    /** The frames published from now on, until {@link #complete()}. */
    public Flux<Frame> flux() {
        return Frames.releaseOnDiscard(Flux.<Frame>create(sink -> {
            sinks.add(sink);
            sink.onDispose(() -> sinks.remove(sink));
            if (completed) {
                sinks.remove(sink);
                sink.complete();
            }
        }, FluxSink.OverflowStrategy.LATEST));
    }

    /** Takes over {@code frame}'s reference: every subscriber gets its own, then this one is released. */
    public void publish(Frame frame) {
        try {
            for (FluxSink<Frame> sink : sinks) {
                if (!sink.isCancelled()) {
                    sink.next(frame.retain());
                }
            }
        } finally {
            frame.release();
        }
    }

    /** Whether anyone receives now. */
    public boolean hasSubscribers() {
        return !sinks.isEmpty();
    }

    /** Completes every subscriber, present and future. */
    public void complete() {
        completed = true;
        for (FluxSink<Frame> sink : sinks) {
            sink.complete();
        }
        sinks.clear();
    }
}
