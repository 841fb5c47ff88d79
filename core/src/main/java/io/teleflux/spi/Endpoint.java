package io.teleflux.spi;

import io.teleflux.ChannelSpec;
import io.teleflux.ConnectionState;
import io.teleflux.video.Frame;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One session's view of a provider: outbound bytes per channel, link states, close.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #send} is called only for channels the role may send on, with payloads already checked against the
 *   channel's size limit. It subscribes to {@code payloads} when the returned {@code Mono} is subscribed, requests
 *   only as much as the transport can take (flow control), completes after the last payload was handed to the
 *   transport, errors on transport failure, and stops when cancelled. Payloads it drops by policy are reported with
 *   {@link EndpointListener#onOutboundDropped}. It MAY run on the subscribing thread (loopback) or on the provider's
 *   own threads; it MUST NOT block a transport thread.</li>
 *   <li>{@link #states()} replays the current state, then changes; completes after {@code CLOSED}; errors for a
 *   failure that ends the link for good.</li>
 *   <li>{@link #close()} is idempotent, releases what this endpoint opened, and completes when done.</li>
 * </ul>
 */
public interface Endpoint {

    /** Sends payloads on a channel. See the class contract. */
    Mono<Void> send(ChannelSpec channel, Publisher<byte[]> payloads);

    /**
     * Sends video frames on this endpoint's track, taking over each frame's reference (released after hand-over or
     * drop). Providers without video keep this default, which fails with {@link UnsupportedOperationException}.
     */
    default Mono<Void> sendVideo(Publisher<Frame> frames) {
        return Mono.error(new UnsupportedOperationException(this + " carries no video"));
    }

    /**
     * The remote video track: hot; each subscriber receives its own reference to every frame. Providers without video
     * keep this default, which fails with {@link UnsupportedOperationException}.
     */
    default Flux<Frame> video() {
        return Flux.error(new UnsupportedOperationException(this + " carries no video"));
    }

    /** The link's states. See the class contract. */
    Flux<ConnectionState> states();

    /** Closes this endpoint. See the class contract. */
    Mono<Void> close();
}
