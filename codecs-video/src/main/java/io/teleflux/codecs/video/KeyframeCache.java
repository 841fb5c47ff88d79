package io.teleflux.codecs.video;

import io.teleflux.video.EncodedFrame;
import java.util.ArrayList;
import java.util.List;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * A hot, multicast view of an access-unit source that keeps the current GOP (from its last keyframe) and replays it to
 * each new subscriber, which therefore decodes at once instead of waiting up to a keyframe interval.
 *
 * <ul>
 *   <li>multicast; the source is subscribed when the first subscriber arrives and cancelled when the last one leaves
 *   (the cache is then emptied; a later subscriber subscribes again), and forgotten when it terminates;</li>
 *   <li>without a subscriber: nothing is subscribed or kept;</li>
 *   <li>backpressure: per subscriber, a buffer of {@code buffer} access units; on overflow that subscriber skips to the
 *   next keyframe (its dropped count is logged at debug level; use {@link H264#decode} stats downstream);</li>
 *   <li>replay: the access units from the last keyframe, at most {@code maxGop} of them (a longer GOP stops being
 *   cached and late subscribers wait for the next keyframe); nothing before the first keyframe;</li>
 *   <li>discarded: nothing to release (access units are plain values).</li>
 * </ul>
 */
final class KeyframeCache {

    private static final Logger LOG = LoggerFactory.getLogger(KeyframeCache.class);

    private final Publisher<EncodedFrame> source;
    private final int maxGop;
    private final int buffer;
    private final List<EncodedFrame> gop = new ArrayList<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private boolean caching;
    private boolean connected;
    private long generation;
    private Disposable upstream;

    KeyframeCache(Publisher<EncodedFrame> source, int maxGop, int buffer) {
        this.source = source;
        this.maxGop = maxGop;
        this.buffer = buffer;
    }

    Flux<EncodedFrame> flux() {
        return Flux.defer(() -> {
            Subscriber subscriber = new Subscriber(Sinks.many().unicast()
                    .onBackpressureBuffer(Queues.<EncodedFrame>get(buffer).get()));
            synchronized (this) {
                for (EncodedFrame au : gop) {
                    subscriber.offer(au);
                }
                subscribers.add(subscriber);
                if (!connected) {
                    connected = true;
                    long g = ++generation;
                    Disposable d = Flux.from(source).subscribe(au -> onNext(g, au), e -> onError(g, e),
                            () -> onComplete(g));
                    if (connected && generation == g) {
                        upstream = d;
                    } else {
                        d.dispose(); // the source terminated, or everyone left, during subscribe
                    }
                }
            }
            return subscriber.sink.asFlux().doFinally(signal -> leave(subscriber));
        });
    }

    private synchronized void onNext(long g, EncodedFrame au) {
        if (g != generation || !connected) {
            return;
        }
        if (au.keyframe()) {
            gop.clear();
            caching = true;
        }
        if (caching) {
            if (gop.size() < maxGop) {
                gop.add(au);
            } else {
                gop.clear();
                caching = false;
            }
        }
        for (Subscriber subscriber : subscribers) {
            subscriber.offer(au);
        }
    }

    private synchronized void onError(long g, Throwable error) {
        if (g != generation || !connected) {
            return;
        }
        List<Subscriber> all = new ArrayList<>(subscribers);
        forget();
        all.forEach(s -> s.sink.tryEmitError(error));
    }

    private synchronized void onComplete(long g) {
        if (g != generation || !connected) {
            return;
        }
        List<Subscriber> all = new ArrayList<>(subscribers);
        forget();
        all.forEach(s -> s.sink.tryEmitComplete());
    }

    private synchronized void leave(Subscriber subscriber) {
        subscribers.remove(subscriber);
        if (subscribers.isEmpty() && connected) {
            Disposable d = upstream;
            forget();
            if (d != null) {
                d.dispose();
            }
        }
    }

    private void forget() {
        subscribers.clear();
        gop.clear();
        caching = false;
        connected = false;
        upstream = null;
    }

    /** One subscriber's queue, with its own skip-to-keyframe state; only touched under the cache's lock. */
    private static final class Subscriber {
        final Sinks.Many<EncodedFrame> sink;
        boolean skipping;
        long dropped;

        Subscriber(Sinks.Many<EncodedFrame> sink) {
            this.sink = sink;
        }

        void offer(EncodedFrame au) {
            if (skipping && !au.keyframe()) {
                dropped++;
                return;
            }
            skipping = false;
            Sinks.EmitResult result = sink.tryEmitNext(au);
            if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                dropped++;
                skipping = true;
                LOG.debug("keyframe cache: a slow subscriber skips to the next keyframe ({} dropped so far)",
                        dropped);
            }
        }
    }
}
