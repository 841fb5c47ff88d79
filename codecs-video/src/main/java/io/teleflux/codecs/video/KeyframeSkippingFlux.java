package io.teleflux.codecs.video;

import io.teleflux.video.EncodedFrame;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * Keyframe-aware backpressure: requests everything from upstream and holds at most {@code capacity} access units for
 * the subscriber. When that buffer overflows, the buffered access units and every following delta are dropped (and
 * counted) until the next keyframe, which is emitted as soon as the subscriber asks: a slow consumer skips to a
 * decodable picture instead of decoding a GOP tail whose references are gone.
 *
 * <ul>
 *   <li>unicast; upstream subscribed once per subscriber, with unbounded demand;</li>
 *   <li>without a subscriber: nothing is subscribed;</li>
 *   <li>backpressure: a buffer of {@code capacity} access units, then the skip described above;</li>
 *   <li>replay: none;</li>
 *   <li>discarded: dropped access units (plain values, nothing to release), counted by {@code dropped}.</li>
 * </ul>
 */
final class KeyframeSkippingFlux extends Flux<EncodedFrame> {

    private final Flux<EncodedFrame> source;
    private final int capacity;
    private final LongConsumer dropped;

    KeyframeSkippingFlux(Flux<EncodedFrame> source, int capacity, LongConsumer dropped) {
        this.source = source;
        this.capacity = capacity;
        this.dropped = dropped;
    }

    @Override
    public void subscribe(CoreSubscriber<? super EncodedFrame> actual) {
        source.subscribe(new Skipper(actual, capacity, dropped));
    }

    private static final class Skipper implements CoreSubscriber<EncodedFrame>, Subscription {
        private final CoreSubscriber<? super EncodedFrame> actual;
        private final int capacity;
        private final LongConsumer dropped;
        private final ArrayDeque<EncodedFrame> queue = new ArrayDeque<>();
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private Subscription upstream;
        private boolean skipping;
        private volatile boolean done;
        private volatile boolean cancelled;
        private Throwable error;

        Skipper(CoreSubscriber<? super EncodedFrame> actual, int capacity, LongConsumer dropped) {
            this.actual = actual;
            this.capacity = capacity;
            this.dropped = dropped;
        }

        @Override
        public reactor.util.context.Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(EncodedFrame au) {
            if (done || cancelled) {
                return;
            }
            long drop = 0;
            synchronized (queue) {
                if (skipping && !au.keyframe()) {
                    drop = 1;
                } else {
                    skipping = false;
                    if (queue.size() >= capacity) {
                        drop = queue.size();
                        queue.clear();
                        if (au.keyframe()) {
                            queue.add(au);
                        } else {
                            drop++;
                            skipping = true;
                        }
                    } else {
                        queue.add(au);
                    }
                }
            }
            if (drop > 0) {
                dropped.accept(drop);
            }
            drain();
        }

        @Override
        public void onError(Throwable t) {
            if (done) {
                Operators.onErrorDropped(t, actual.currentContext());
                return;
            }
            error = t;
            done = true;
            drain();
        }

        @Override
        public void onComplete() {
            done = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                requested.accumulateAndGet(n, Operators::addCap);
                drain();
            }
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                upstream.cancel();
                if (wip.getAndIncrement() == 0) {
                    clear();
                }
            }
        }

        private void clear() {
            synchronized (queue) {
                queue.clear();
            }
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            while (true) {
                long r = requested.get();
                long emitted = 0;
                while (emitted != r) {
                    if (cancelled) {
                        clear();
                        return;
                    }
                    boolean d = done;
                    EncodedFrame next;
                    synchronized (queue) {
                        next = queue.poll();
                    }
                    if (next == null) {
                        if (d) {
                            terminate();
                            return;
                        }
                        break;
                    }
                    actual.onNext(next);
                    emitted++;
                }
                if (emitted == r) {
                    if (cancelled) {
                        clear();
                        return;
                    }
                    boolean empty;
                    synchronized (queue) {
                        empty = queue.isEmpty();
                    }
                    if (done && empty) {
                        terminate();
                        return;
                    }
                }
                if (emitted != 0 && r != Long.MAX_VALUE) {
                    requested.addAndGet(-emitted);
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        private void terminate() {
            Throwable e = error;
            if (e != null) {
                actual.onError(e);
            } else {
                actual.onComplete();
            }
        }
    }
}
