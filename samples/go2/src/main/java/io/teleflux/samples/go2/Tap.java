package io.teleflux.samples.go2;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * A copy of a stream for a recorder: a unicast sink with a bounded queue (which also holds what arrives before the
 * recorder subscribes), fed from any thread. An item the queue cannot take (full, or the recorder cancelled) is
 * released and counted, never waited for: the robot's pipelines do not slow down for a recorder.
 */
final class Tap<T> {

    private final Sinks.Many<T> sink;
    private final UnaryOperator<T> retain;
    private final Consumer<T> release;
    private long dropped;

    Tap(int capacity, UnaryOperator<T> retain, Consumer<T> release) {
        this.sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<T>get(capacity).get());
        this.retain = retain;
        this.release = release;
    }

    /** A tap for values that own no resources. */
    static <T> Tap<T> of(int capacity) {
        return new Tap<>(capacity, UnaryOperator.identity(), item -> { });
    }

    synchronized void offer(T item) {                    // one emitter at a time, as a sink requires
        T reference = retain.apply(item);
        if (sink.tryEmitNext(reference).isFailure()) {
            release.accept(reference);
            dropped++;
        }
    }

    synchronized void complete() {
        sink.tryEmitComplete();
    }

    Flux<T> flux() {
        return sink.asFlux();
    }

    synchronized long dropped() {
        return dropped;
    }
}
