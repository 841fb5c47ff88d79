package io.teleflux.broker;

import io.teleflux.ChannelSpec;
import io.teleflux.ConnectionState;
import io.teleflux.SessionClosedException;
import io.teleflux.spi.Endpoint;
import io.teleflux.video.Frame;
import io.teleflux.webrtc.peer.DataChannelBinding;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One robot session's view of the broker provider. Outbound payloads go to whichever data channel the current operator
 * is bridged on; while none is, each payload is dropped and reported, never failed.
 */
final class RobotEndpoint implements Endpoint {

    /** Sessions by their listener, for {@link BrokerSessions}. */
    private static final Map<Object, RobotEndpoint> BY_LISTENER = new ConcurrentHashMap<>();

    static final String NO_OPERATOR = "no operator connected";

    private final BrokerProvider provider;
    private final Fanout.Member member;
    private final Sinks.Many<ConnectionState> states = Sinks.many().replay().latest();
    private final AtomicBoolean closed = new AtomicBoolean();

    RobotEndpoint(BrokerProvider provider, Fanout.Member member) {
        this.provider = provider;
        this.member = member;
        states.tryEmitNext(ConnectionState.CONNECTED);
        BY_LISTENER.put(member.listener(), this);
    }

    static RobotEndpoint of(Object session) {
        return BY_LISTENER.get(session);
    }

    Fanout.Member member() {
        return member;
    }

    BrokerProvider provider() {
        return provider;
    }

    synchronized void state(ConnectionState state) {
        if (!closed.get()) {
            states.tryEmitNext(state);
        }
    }

    synchronized void fail(Throwable error) {
        if (!closed.get()) {
            states.tryEmitError(error);
        }
    }

    @Override
    public Mono<Void> send(ChannelSpec channel, Publisher<byte[]> payloads) {
        String name = channel.name();
        return Flux.from(payloads)
                .concatMap(p -> sendOne(channel, name, p), 1)
                .then();
    }

    private Mono<Void> sendOne(ChannelSpec channel, String name, byte[] payload) {
        if (closed.get()) {
            return Mono.error(new SessionClosedException("the robot session closed while sending on " + name));
        }
        DataChannelBinding binding = provider.binding(name);
        if (binding == null) {
            member.listener().onOutboundDropped(channel, 1, NO_OPERATOR);
            return Mono.empty();
        }
        return binding.send(Mono.just(payload)).onErrorResume(SessionClosedException.class, e -> {
            // the operator left while the payload was queued: the channel closed under it
            member.listener().onOutboundDropped(channel, 1, NO_OPERATOR);
            return Mono.empty();
        });
    }

    @Override
    public Mono<Void> sendVideo(Publisher<Frame> frames) {
        RobotVideo video = provider.video();
        if (video == null) {
            return Flux.from(frames).doOnNext(Frame::release).then(Mono.error(new UnsupportedOperationException(
                    "this broker session has no video track (BrokerConfig.withVideo(false))")));
        }
        return video.send(frames);
    }

    @Override
    public Flux<ConnectionState> states() {
        return states.asFlux();
    }

    @Override
    public Mono<Void> close() {
        return Mono.fromRunnable(() -> {
            if (closed.compareAndSet(false, true)) {
                provider.removed(this);
                BY_LISTENER.remove(member.listener(), this);
                synchronized (this) {
                    states.tryEmitNext(ConnectionState.CLOSED);
                    states.tryEmitComplete();
                }
            }
        });
    }

    @Override
    public String toString() {
        return "RobotEndpoint[" + provider + "]";
    }
}
