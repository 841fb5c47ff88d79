package io.teleflux.loopback;

import io.teleflux.ChannelSpec;
import io.teleflux.spi.Endpoint;
import io.teleflux.spi.EndpointRequest;
import io.teleflux.spi.Provider;
import io.teleflux.video.Frame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/** One loopback link: the endpoints of every session that uses the same {@link LoopbackConfig}. */
final class LoopbackProvider implements Provider {

    private final String name;
    private final List<LoopbackEndpoint> endpoints = new CopyOnWriteArrayList<>();

    LoopbackProvider(String name) {
        this.name = name;
    }

    @Override
    public Mono<Void> start() {
        return Mono.empty();
    }

    @Override
    public Mono<Endpoint> open(EndpointRequest request) {
        return Mono.fromSupplier(() -> {
            LoopbackEndpoint endpoint = new LoopbackEndpoint(this, request);
            endpoints.add(endpoint);
            return endpoint;
        });
    }

    @Override
    public Mono<Void> stop() {
        return Mono.fromRunnable(endpoints::clear);
    }

    void remove(LoopbackEndpoint endpoint) {
        endpoints.remove(endpoint);
    }

    /** Hands {@code payload} to every other endpoint that receives {@code channel}; false if none did. */
    boolean route(LoopbackEndpoint from, ChannelSpec channel, byte[] payload) {
        boolean delivered = false;
        for (LoopbackEndpoint to : endpoints) {
            if (to != from && to.accept(channel.name(), payload)) {
                delivered = true;
            }
        }
        return delivered;
    }

    /** Hands {@code frame} (its reference) to every other endpoint; each gets its own reference. */
    void routeVideo(LoopbackEndpoint from, Frame frame) {
        try {
            for (LoopbackEndpoint to : endpoints) {
                if (to != from) {
                    to.acceptVideo(frame.retain());
                }
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public String toString() {
        return "loopback:" + name;
    }
}
