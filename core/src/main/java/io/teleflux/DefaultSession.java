package io.teleflux;

import io.teleflux.spi.Endpoint;
import io.teleflux.spi.EndpointListener;
import io.teleflux.spi.ProviderRegistry;
import io.teleflux.video.Frame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The one {@link Session} implementation: direction checks, policies and counters over a provider's endpoint. */
final class DefaultSession implements Session, EndpointListener {

    private static final Logger log = LoggerFactory.getLogger(DefaultSession.class);

    private final Role role;
    private final String providerKind;
    private final Map<String, InboundChannel> channels = new LinkedHashMap<>();
    private final Sinks.Many<ConnectionState> states = Sinks.many().replay().latest();
    private final Sinks.Empty<Void> closing = Sinks.empty();
    private final Sinks.Empty<Void> closed = Sinks.empty();
    private final Mono<Void> close;
    private volatile boolean disposed;
    private volatile Endpoint endpoint;
    private volatile ProviderRegistry.Lease lease;

    DefaultSession(Role role, List<ChannelSpec> specs, String providerKind) {
        this.role = role;
        this.providerKind = providerKind;
        for (ChannelSpec spec : specs) {
            channels.put(spec.name(), new InboundChannel(spec, new ChannelCounters(spec.name())));
        }
        states.tryEmitNext(ConnectionState.CONNECTING);
        this.close = Mono.defer(this::doClose).cache();
    }

    /** Binds the opened endpoint; from here on the session is live. */
    DefaultSession attach(Endpoint endpoint, ProviderRegistry.Lease lease) {
        this.endpoint = endpoint;
        this.lease = lease;
        endpoint.states().subscribe(this::onEndpointState, this::onEndpointError, this::dispose);
        return this;
    }

    private void onEndpointState(ConnectionState state) {
        if (state != ConnectionState.CLOSED && !disposed) {
            states.tryEmitNext(state);
        }
    }

    private void onEndpointError(Throwable error) {
        log.warn("{} session on {} ended: {}", role, providerKind, error.toString());
        states.tryEmitError(error);
        dispose();
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public Flux<byte[]> receive(ChannelSpec channel) {
        return Flux.defer(() -> inbound(channel).raw());
    }

    @Override
    public <T> Flux<T> receive(ChannelSpec channel, MessageType<T> type) {
        Objects.requireNonNull(type, "type");
        return Flux.defer(() -> inbound(channel).typed(type));
    }

    private InboundChannel inbound(ChannelSpec channel) {
        InboundChannel in = declared(channel);
        if (!in.spec.direction().allowsReceive(role)) {
            throw new WrongDirectionException(in.spec.name(), role, in.spec.direction(), "receive");
        }
        return in;
    }

    @Override
    public Mono<Void> send(ChannelSpec channel, Publisher<byte[]> payloads) {
        Objects.requireNonNull(payloads, "payloads");
        return Mono.defer(() -> {
            InboundChannel in = declared(channel);
            ChannelSpec spec = in.spec;
            if (!spec.direction().allowsSend(role)) {
                throw new WrongDirectionException(spec.name(), role, spec.direction(), "send");
            }
            if (disposed) {
                throw new SessionClosedException("the " + role + " session is closed; cannot send on "
                        + spec.name());
            }
            ChannelCounters counters = in.counters;
            int limit = spec.maxMessageSize();
            Flux<byte[]> checked = Flux.from(payloads).handle((payload, out) -> {
                if (payload.length > limit) {
                    out.error(new MessageTooLargeException(spec.name(), payload.length, limit));
                    return;
                }
                counters.sent.increment();
                counters.bytesSent.add(payload.length);
                out.next(payload);
            });
            Mono<Void> closedFirst = closing.asMono().then(Mono.error(() -> new SessionClosedException(
                    "the " + role + " session closed while sending on " + spec.name())));
            return Mono.firstWithSignal(endpoint.send(spec, checked), closedFirst);
        });
    }

    @Override
    public <T> Mono<Void> send(ChannelSpec channel, MessageType<T> type, Publisher<? extends T> messages) {
        Objects.requireNonNull(type, "type");
        return send(channel, Flux.<T>from(messages).map(type::encode));
    }

    @Override
    public Mono<Void> sendVideo(Publisher<Frame> frames) {
        Objects.requireNonNull(frames, "frames");
        return Mono.defer(() -> {
            if (disposed) {
                throw new SessionClosedException("the " + role + " session is closed; cannot send video");
            }
            Mono<Void> closedFirst = closing.asMono().then(Mono.error(() -> new SessionClosedException(
                    "the " + role + " session closed while sending video")));
            return Mono.firstWithSignal(endpoint.sendVideo(frames), closedFirst);
        });
    }

    @Override
    public Flux<Frame> receiveVideo() {
        return Flux.defer(() -> disposed ? Flux.<Frame>empty() : endpoint.video().takeUntilOther(closing.asMono()));
    }

    private InboundChannel declared(ChannelSpec channel) {
        Objects.requireNonNull(channel, "channel");
        InboundChannel in = channels.get(channel.name());
        if (in == null) {
            throw new UnknownChannelException(channel.name(), channels.keySet());
        }
        return in;
    }

    @Override
    public Flux<ConnectionState> states() {
        return states.asFlux();
    }

    @Override
    public ChannelStats stats(ChannelSpec channel) {
        return declared(channel).counters.snapshot();
    }

    // EndpointListener: called by the provider, possibly on its I/O threads; never throws.

    @Override
    public void onMessage(ChannelSpec channel, byte[] payload) {
        InboundChannel in = channels.get(channel.name());
        if (in != null && !disposed) {
            in.deliver(payload);
        }
    }

    @Override
    public void onOutboundDropped(ChannelSpec channel, long count, String reason) {
        InboundChannel in = channels.get(channel.name());
        if (in != null) {
            in.counters.droppedOutbound.add(count);
        }
        log.debug("channel {}: provider dropped {} outbound payload(s): {}", channel.name(), count, reason);
    }

    // Lifecycle

    @Override
    public Mono<Void> onClose() {
        return closed.asMono();
    }

    @Override
    public Mono<Void> disposeLater() {
        return close;
    }

    @Override
    public void dispose() {
        close.subscribe();
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }

    private Mono<Void> doClose() {
        disposed = true;
        closing.tryEmitEmpty();
        Endpoint ep = endpoint;
        ProviderRegistry.Lease l = lease;
        Mono<Void> closeEndpoint = ep == null ? Mono.empty() : ep.close()
                .doOnError(e -> log.warn("{} endpoint on {} did not close cleanly", role, providerKind, e))
                .onErrorComplete();
        Mono<Void> release = l == null ? Mono.empty() : l.release();
        return closeEndpoint.then(release).doFinally(signal -> {
            channels.values().forEach(InboundChannel::complete);
            states.tryEmitNext(ConnectionState.CLOSED);
            states.tryEmitComplete();
            closed.tryEmitEmpty();
        });
    }

    @Override
    public String toString() {
        return "Session[" + role + " on " + providerKind + ", channels " + channels.keySet() + "]";
    }
}
