package io.teleflux.loopback;

import io.teleflux.spi.Provider;
import io.teleflux.spi.ProviderConfig;
import java.util.Objects;

/**
 * The in-process provider: sessions built with equal configs (the same name) in one JVM are linked directly, with no
 * copy and no thread hop. A payload sent by one session reaches every other session of the same name that declared
 * the channel and may receive on it.
 *
 * <p>Loopback never loses or reorders, so it satisfies every {@link io.teleflux.Qos}; the receiving subscribers'
 * {@link io.teleflux.BackpressurePolicy} still applies. A payload sent while no other session can receive it is
 * dropped and counted in {@link io.teleflux.ChannelStats#droppedOutbound()}. Sending runs on the subscribing thread
 * and delivers synchronously, which makes it the fastest way to test pipelines and measure toolkit overhead.
 *
 * @param name the link's name; sessions meet by name
 */
public record LoopbackConfig(String name) implements ProviderConfig {

    public LoopbackConfig {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("loopback name must not be blank");
        }
    }

    /** The loopback link called {@code name}. */
    public static LoopbackConfig named(String name) {
        return new LoopbackConfig(name);
    }

    @Override
    public Provider createProvider() {
        return new LoopbackProvider(name);
    }

    @Override
    public String kind() {
        return "loopback";
    }
}
