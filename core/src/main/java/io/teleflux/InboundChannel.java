package io.teleflux;

import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The inbound side of one channel in one session: a multicast point that the provider feeds, and per subscriber a
 * queue bounded by the channel's {@link BackpressurePolicy}. Payloads are filtered before they are queued, so a typed
 * subscriber's queue only ever holds its own type and "latest wins" is per type.
 */
final class InboundChannel {

    private static final Logger log = LoggerFactory.getLogger(InboundChannel.class);

    final ChannelSpec spec;
    final ChannelCounters counters;
    // Every subscriber is a bounded policy queue that requests Long.MAX_VALUE, so "best effort" never skips one.
    private final Sinks.Many<byte[]> sink = Sinks.unsafe().many().multicast().directBestEffort();

    InboundChannel(ChannelSpec spec, ChannelCounters counters) {
        this.spec = spec;
        this.counters = counters;
    }

    /** Called by the provider, serially per channel by contract; the lock makes a misbehaving provider harmless. */
    void deliver(byte[] payload) {
        counters.received.increment();
        counters.bytesReceived.add(payload.length);
        Sinks.EmitResult result;
        synchronized (this) {
            result = sink.tryEmitNext(payload);
        }
        if (result == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            counters.unrouted.increment();
        } else if (result.isFailure() && result != Sinks.EmitResult.FAIL_TERMINATED) {
            counters.unrouted.increment();
            log.debug("channel {}: payload not emitted: {}", spec.name(), result);
        }
    }

    void complete() {
        synchronized (this) {
            sink.tryEmitComplete();
        }
    }

    /** All payloads, under the channel's policy. */
    Flux<byte[]> raw() {
        return withPolicy(sink.asFlux());
    }

    /** The payloads {@code type} matches, decoded, under the channel's policy; undecodable ones are counted. */
    <T> Flux<T> typed(MessageType<T> type) {
        Predicate<byte[]> matches = type::matches;
        return withPolicy(sink.asFlux().filter(matches)).handle((payload, out) -> {
            T message;
            try {
                message = type.decode(payload);
            } catch (MessageDecodingException e) {
                counters.malformed.increment();
                log.debug("channel {}: dropped a malformed {}: {}", spec.name(), type.name(), e.getMessage());
                return;
            }
            out.next(message);
        });
    }

    private Flux<byte[]> withPolicy(Flux<byte[]> source) {
        BackpressurePolicy policy = spec.backpressure();
        switch (policy.kind()) {
            case LATEST:
                return source.onBackpressureBuffer(1, this::dropped, BufferOverflowStrategy.DROP_OLDEST);
            case DROP_OLDEST:
                return source.onBackpressureBuffer(policy.capacity(), this::dropped,
                        BufferOverflowStrategy.DROP_OLDEST);
            case DROP_LATEST:
                return source.onBackpressureBuffer(policy.capacity(), this::dropped,
                        BufferOverflowStrategy.DROP_LATEST);
            case BUFFER:
                return source.onBackpressureBuffer(policy.capacity(), this::dropped)
                        .onErrorMap(Exceptions::isOverflow,
                                e -> new BackpressureOverflowException(spec.name(), policy.capacity()));
            default:
                throw new IllegalStateException("unknown policy " + policy);
        }
    }

    private void dropped(byte[] payload) {
        counters.droppedInbound.increment();
    }
}
