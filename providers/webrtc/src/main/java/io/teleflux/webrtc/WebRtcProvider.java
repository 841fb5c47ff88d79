package io.teleflux.webrtc;

import io.teleflux.spi.Endpoint;
import io.teleflux.spi.EndpointRequest;
import io.teleflux.spi.Provider;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The provider of one {@link WebRtcConfig}: holds a use of the JVM's peer connection factory from start to stop, and
 * opens one {@link WebRtcEndpoint} (one peer connection) per session.
 */
final class WebRtcProvider implements Provider {

    private final WebRtcConfig config;
    private final Set<WebRtcEndpoint> endpoints = ConcurrentHashMap.newKeySet();
    private volatile PeerConnectionFactoryLease lease;

    WebRtcProvider(WebRtcConfig config) {
        this.config = config;
    }

    @Override
    public Mono<Void> start() {
        // creating the factory blocks for ~200 ms
        return Mono.fromRunnable(() -> lease = PeerConnectionFactoryLease.acquire())
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    @Override
    public Mono<Endpoint> open(EndpointRequest request) {
        return Mono.defer(() -> {
            PeerConnectionFactoryLease f = lease;
            if (f == null) {
                return Mono.error(new IllegalStateException("the WebRTC provider is not started"));
            }
            WebRtcEndpoint endpoint = new WebRtcEndpoint(config, f, request, endpoints::remove);
            endpoints.add(endpoint);
            return endpoint.open();
        });
    }

    @Override
    public Mono<Void> stop() {
        // endpoints still releasing (a cancelled or failed open) must be gone before the factory is disposed
        return Flux.fromIterable(endpoints)
                .flatMap(WebRtcEndpoint::close)
                .then(Mono.fromRunnable(() -> {
                    PeerConnectionFactoryLease l = lease;
                    if (l != null) {
                        lease = null;
                        l.close();
                    }
                }).subscribeOn(Schedulers.boundedElastic()))
                .then();
    }

    @Override
    public String toString() {
        return "webrtc:" + config.signaling();
    }
}
