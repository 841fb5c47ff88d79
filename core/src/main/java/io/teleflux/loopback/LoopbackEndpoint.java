package io.teleflux.loopback;

import io.teleflux.ChannelSpec;
import io.teleflux.ConnectionState;
import io.teleflux.spi.Endpoint;
import io.teleflux.spi.EndpointListener;
import io.teleflux.spi.EndpointRequest;
import java.util.HashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** One session's place on a loopback link. */
final class LoopbackEndpoint implements Endpoint {

    private final LoopbackProvider link;
    private final EndpointListener listener;
    /** The channels this endpoint receives, by name. */
    private final Map<String, ChannelSpec> receiving = new HashMap<>();
    private final Sinks.Many<ConnectionState> states = Sinks.many().replay().latest();
    private volatile boolean closed;

    LoopbackEndpoint(LoopbackProvider link, EndpointRequest request) {
        this.link = link;
        this.listener = request.listener();
        for (ChannelSpec c : request.channels()) {
            if (c.direction().allowsReceive(request.role())) {
                receiving.put(c.name(), c);
            }
        }
        states.tryEmitNext(ConnectionState.CONNECTED);
    }

    boolean accept(String channel, byte[] payload) {
        ChannelSpec spec = receiving.get(channel);
        if (spec == null || closed) {
            return false;
        }
        listener.onMessage(spec, payload);
        return true;
    }

    @Override
    public Mono<Void> send(ChannelSpec channel, Publisher<byte[]> payloads) {
        return Flux.from(payloads).doOnNext(payload -> {
            if (!link.route(this, channel, payload)) {
                listener.onOutboundDropped(channel, 1, "no peer receives this channel");
            }
        }).then();
    }

    @Override
    public Flux<ConnectionState> states() {
        return states.asFlux();
    }

    @Override
    public Mono<Void> close() {
        return Mono.fromRunnable(() -> {
            closed = true;
            link.remove(this);
            states.tryEmitNext(ConnectionState.CLOSED);
            states.tryEmitComplete();
        });
    }
}
