package io.teleflux.loopback;

import io.teleflux.video.FrameFanOut;
import io.teleflux.ChannelSpec;
import io.teleflux.ConnectionState;
import io.teleflux.SessionClosedException;
import io.teleflux.spi.Endpoint;
import io.teleflux.spi.EndpointListener;
import io.teleflux.spi.EndpointRequest;
import io.teleflux.video.Frame;
import io.teleflux.video.Frames;
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
    private final FrameFanOut video = new FrameFanOut();
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

    /** Takes over {@code frame}'s reference; false (frame released) if this endpoint is closed. */
    boolean acceptVideo(Frame frame) {
        if (closed) {
            frame.release();
            return false;
        }
        video.publish(frame);
        return true;
    }

    /**
     * Passes each frame to the other endpoints of the link: each of their {@link #video()} subscribers gets its own
     * reference, and the sent reference is released once handed over (at once if nobody receives). Runs on the
     * subscribing thread.
     */
    @Override
    public Mono<Void> sendVideo(Publisher<Frame> frames) {
        // handle() emits nothing: no frame reaches then(), which would discard (release) it a second time
        return Frames.releaseOnDiscard(Flux.from(frames).<Void>handle((frame, out) -> {
                    if (closed) {
                        frame.release();
                        out.error(new SessionClosedException("the loopback endpoint is closed"));
                        return;
                    }
                    link.routeVideo(this, frame);
                })
                .then());
    }

    /**
     * The frames the other endpoints send: hot, each subscriber gets its own reference to every frame (latest wins
     * for a slow subscriber; overwritten frames are released). Completes when this endpoint closes.
     */
    @Override
    public Flux<Frame> video() {
        return video.flux();
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
            video.complete();
            states.tryEmitNext(ConnectionState.CLOSED);
            states.tryEmitComplete();
        });
    }
}
