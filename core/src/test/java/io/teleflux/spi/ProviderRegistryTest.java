package io.teleflux.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ProviderRegistryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Counts starts and stops; fails its first {@code failures} starts. */
    record CountingConfig(String name, AtomicInteger starts, AtomicInteger stops, AtomicInteger failures)
            implements ProviderConfig {
        CountingConfig(String name, int failures) {
            this(name, new AtomicInteger(), new AtomicInteger(), new AtomicInteger(failures));
        }

        @Override
        public Provider createProvider() {
            return new Provider() {
                @Override
                public Mono<Void> start() {
                    starts.incrementAndGet();
                    return failures.getAndDecrement() > 0 ? Mono.error(new IllegalStateException("start failed"))
                            : Mono.empty();
                }

                @Override
                public Mono<Endpoint> open(EndpointRequest request) {
                    return Mono.error(new UnsupportedOperationException());
                }

                @Override
                public Mono<Void> stop() {
                    stops.incrementAndGet();
                    return Mono.empty();
                }
            };
        }

        @Override
        public String kind() {
            return "counting";
        }

        // identity is the name only, so that equal names share a provider
        @Override
        public boolean equals(Object o) {
            return o instanceof CountingConfig c && c.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    @Test
    void equalConfigsShareOneProviderUntilTheLastLeaseIsReleased() {
        ProviderRegistry registry = new ProviderRegistry();
        CountingConfig config = new CountingConfig("shared", 0);
        ProviderRegistry.Lease a = registry.acquire(config).block(TIMEOUT);
        ProviderRegistry.Lease b = registry.acquire(new CountingConfig("shared", new AtomicInteger(),
                new AtomicInteger(), new AtomicInteger())).block(TIMEOUT);
        assertThat(a.provider()).isSameAs(b.provider());
        assertThat(config.starts()).hasValue(1);

        a.release().block(TIMEOUT);
        a.release().block(TIMEOUT); // idempotent: must not release b's hold
        assertThat(registry.isActive(config)).isTrue();
        assertThat(config.stops()).hasValue(0);

        b.release().block(TIMEOUT);
        assertThat(registry.isActive(config)).isFalse();
        assertThat(config.stops()).hasValue(1);
    }

    @Test
    void differentConfigsGetDifferentProviders() {
        ProviderRegistry registry = new ProviderRegistry();
        ProviderRegistry.Lease a = registry.acquire(new CountingConfig("a", 0)).block(TIMEOUT);
        ProviderRegistry.Lease b = registry.acquire(new CountingConfig("b", 0)).block(TIMEOUT);
        assertThat(a.provider()).isNotSameAs(b.provider());
    }

    @Test
    void failedStartIsForgottenSoThatARetryStartsAFreshProvider() {
        ProviderRegistry registry = new ProviderRegistry();
        CountingConfig config = new CountingConfig("flaky", 1);
        StepVerifier.create(registry.acquire(config))
                .expectErrorMessage("start failed")
                .verify(TIMEOUT);
        assertThat(registry.isActive(config)).isFalse();

        StepVerifier.create(registry.acquire(config).retry(1))
                .expectNextCount(1)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(config.starts()).hasValue(2);
        assertThat(registry.isActive(config)).isTrue();
    }

    @Test
    void cancelledAcquireGivesTheLeaseBack() {
        ProviderRegistry registry = new ProviderRegistry();
        CountingConfig config = new CountingConfig("slow", 0);
        ProviderConfig never = new ProviderConfig() {
            @Override
            public Provider createProvider() {
                Provider inner = config.createProvider();
                return new Provider() {
                    @Override
                    public Mono<Void> start() {
                        return Mono.never();
                    }

                    @Override
                    public Mono<Endpoint> open(EndpointRequest request) {
                        return inner.open(request);
                    }

                    @Override
                    public Mono<Void> stop() {
                        return inner.stop();
                    }
                };
            }

            @Override
            public String kind() {
                return "never";
            }
        };
        StepVerifier.create(registry.acquire(never))
                .thenAwait(Duration.ofMillis(1))
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(registry.isActive(never)).isFalse();
        assertThat(config.stops()).hasValue(1);
    }
}
