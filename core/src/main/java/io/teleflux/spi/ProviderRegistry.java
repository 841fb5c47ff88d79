package io.teleflux.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Shares one {@link Provider} per equal {@link ProviderConfig} in the JVM, reference-counted: the first
 * {@link #acquire} creates and starts it, the last {@link Lease#release()} stops it. A provider whose start failed is
 * forgotten at once, so the next acquire creates a fresh one (a retry works).
 */
public final class ProviderRegistry {

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);
    private static final ProviderRegistry GLOBAL = new ProviderRegistry();

    private final Map<ProviderConfig, Entry> entries = new HashMap<>();

    ProviderRegistry() {
    }

    /** The JVM-wide registry that sessions use. */
    public static ProviderRegistry global() {
        return GLOBAL;
    }

    /**
     * A lease on the started provider for {@code config}. Cold: each subscription takes one lease. Cancelling before
     * the lease is emitted gives it back.
     */
    public Mono<Lease> acquire(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        return Mono.defer(() -> {
            Entry entry;
            synchronized (entries) {
                entry = entries.computeIfAbsent(config, Entry::new);
                entry.refs++;
            }
            Lease lease = new Lease(entry);
            return entry.started
                    .thenReturn(lease)
                    .doOnError(e -> forgetFailed(entry, lease))
                    .doOnCancel(() -> lease.release().subscribe());
        });
    }

    /** The configs whose providers are currently active (started or starting). For leak checks in tests. */
    public Set<ProviderConfig> activeConfigs() {
        synchronized (entries) {
            return Set.copyOf(entries.keySet());
        }
    }

    /** Whether a provider for {@code config} is active. */
    public boolean isActive(ProviderConfig config) {
        synchronized (entries) {
            return entries.containsKey(config);
        }
    }

    private void forgetFailed(Entry entry, Lease lease) {
        synchronized (entries) {
            entries.remove(entry.config, entry);
            entry.refs--;
        }
        lease.released.set(true);
    }

    private Mono<Void> release(Entry entry) {
        boolean last;
        synchronized (entries) {
            last = --entry.refs == 0;
            if (last) {
                entries.remove(entry.config, entry);
            }
        }
        if (!last) {
            return Mono.empty();
        }
        return Mono.defer(entry.provider::stop)
                .doOnError(e -> log.warn("provider {} failed to stop cleanly", entry.config.kind(), e))
                .onErrorComplete();
    }

    private static final class Entry {
        final ProviderConfig config;
        final Provider provider;
        final Mono<Void> started;
        int refs;

        Entry(ProviderConfig config) {
            this.config = config;
            this.provider = Objects.requireNonNull(config.createProvider(), "createProvider()");
            this.started = Mono.defer(provider::start).cache();
        }
    }

    /** One session's hold on a started provider. */
    public final class Lease {
        private final Entry entry;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Entry entry) {
            this.entry = entry;
        }

        /** The started provider. */
        public Provider provider() {
            return entry.provider;
        }

        /** Gives the lease back; the last one stops the provider. Idempotent. Completes when stopping is done. */
        public Mono<Void> release() {
            return Mono.defer(() -> released.compareAndSet(false, true) ? ProviderRegistry.this.release(entry)
                    : Mono.empty());
        }
    }
}
