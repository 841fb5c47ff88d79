package io.teleflux.webrtc;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A paired message pipe between the two ends of one peer connection.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #send} delivers messages to the peer in the order of the calls; it MUST NOT block, and MAY be called
 *   from any thread (calls are not concurrent). The returned {@code Mono} is fire-and-forget for callers: the pipe
 *   reports a broken transport by ending {@link #receive()}.</li>
 *   <li>{@link #receive()} is subscribed once; it emits the peer's messages in order and completes when the peer or
 *   the transport closed the pipe.</li>
 *   <li>{@link #close()} is idempotent, ends both directions and completes when done.</li>
 * </ul>
 */
public interface SignalingSession {

    /** Sends {@code message} to the peer. See the class contract. */
    Mono<Void> send(SignalingMessage message);

    /** The peer's messages. See the class contract. */
    Flux<SignalingMessage> receive();

    /** Closes the pipe. See the class contract. */
    Mono<Void> close();
}
