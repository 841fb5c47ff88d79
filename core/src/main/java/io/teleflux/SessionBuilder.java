package io.teleflux;

import io.teleflux.spi.EndpointRequest;
import io.teleflux.spi.ProviderConfig;
import io.teleflux.spi.ProviderRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * An immutable description of a session to connect: role, provider and channels. Nothing happens until
 * {@link #connect()} is subscribed. Start from {@link Teleflux#robot(ProviderConfig)} or
 * {@link Teleflux#operator(ProviderConfig)}.
 */
public final class SessionBuilder {

    private final Role role;
    private final ProviderConfig provider;
    private final Map<String, ChannelSpec> channels;

    SessionBuilder(Role role, ProviderConfig provider, Map<String, ChannelSpec> channels) {
        this.role = Objects.requireNonNull(role, "role");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.channels = channels;
    }

    /**
     * A copy that declares {@code channel} as well (replacing a declared channel of the same name). When no channel is
     * declared, the session declares {@link Channels#STANDARD}.
     */
    public SessionBuilder channel(ChannelSpec channel) {
        Objects.requireNonNull(channel, "channel");
        Map<String, ChannelSpec> copy = new LinkedHashMap<>(channels);
        copy.put(channel.name(), channel);
        return new SessionBuilder(role, provider, copy);
    }

    /** A copy that declares all of {@code channels} as well. */
    public SessionBuilder channels(Iterable<ChannelSpec> channels) {
        SessionBuilder b = this;
        for (ChannelSpec c : channels) {
            b = b.channel(c);
        }
        return b;
    }

    /** The channels a connected session will have. */
    public List<ChannelSpec> declaredChannels() {
        return channels.isEmpty() ? Channels.STANDARD : List.copyOf(channels.values());
    }

    /**
     * Connects, cold: each subscription connects a new session and emits it once every declared channel can carry
     * payloads. Cancelling before that aborts the attempt and releases what it took. After emission the session is the
     * subscriber's to dispose.
     */
    public Mono<Session> connect() {
        List<ChannelSpec> specs = new ArrayList<>(declaredChannels());
        return ProviderRegistry.global().acquire(provider).flatMap(lease -> {
            DefaultSession session = new DefaultSession(role, specs, provider.kind());
            return lease.provider().open(new EndpointRequest(role, specs, session))
                    .map(endpoint -> (Session) session.attach(endpoint, lease))
                    .onErrorResume(e -> lease.release().then(Mono.error(e)))
                    .doOnCancel(() -> lease.release().subscribe());
        });
    }

    /** Connects and waits at most {@code timeout}; for code that cannot compose the {@code Mono}. */
    public Session connectNow(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Session s = connect().block(timeout);
        if (s == null) {
            throw new IllegalStateException("connect() completed without a session");
        }
        return s;
    }
}
