package io.teleflux.spi;

import reactor.core.publisher.Mono;

/**
 * Moves bytes per channel between the ends of a link. One provider instance serves every session of an equal
 * {@link ProviderConfig} in the JVM; sessions reach it through {@link #open(EndpointRequest)}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #start()} is called once, by the {@link ProviderRegistry}, before the first {@code open}. It acquires
 *   the provider's shared resources. If it fails it MUST release everything it acquired, so that a new provider for
 *   the same config can be started again.</li>
 *   <li>{@link #open(EndpointRequest)} is cold; it emits an {@link Endpoint} once every requested channel can carry
 *   payloads, and MUST release what it opened when cancelled or failed.</li>
 *   <li>{@link #stop()} is called once after the last endpoint was closed. It MUST release every resource (threads,
 *   native objects, sockets) so that the JVM can exit, and MUST NOT fail; errors are logged.</li>
 *   <li>A provider MUST NOT call back into a session while holding its own locks, and MUST NOT let an exception
 *   thrown by a callback reach native code or its I/O threads.</li>
 * </ul>
 */
public interface Provider {

    /** Acquires shared resources. See the class contract. */
    Mono<Void> start();

    /** Opens one session's endpoint. See the class contract. */
    Mono<Endpoint> open(EndpointRequest request);

    /** Releases every resource. See the class contract. */
    Mono<Void> stop();
}
