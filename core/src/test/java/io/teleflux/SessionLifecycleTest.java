package io.teleflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.spi.Endpoint;
import io.teleflux.spi.EndpointRequest;
import io.teleflux.spi.Provider;
import io.teleflux.spi.ProviderConfig;
import io.teleflux.spi.ProviderRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class SessionLifecycleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A provider whose endpoints are driven by the test. */
    record ScriptedConfig(String name, boolean failOpen, Sinks.Many<ConnectionState> states, AtomicInteger stops)
            implements ProviderConfig {

        @Override
        public Provider createProvider() {
            return new Provider() {
                @Override
                public Mono<Void> start() {
                    return Mono.empty();
                }

                @Override
                public Mono<Endpoint> open(EndpointRequest request) {
                    if (failOpen) {
                        return Mono.error(new TelefluxException("no route to robot"));
                    }
                    return Mono.just(new Endpoint() {
                        @Override
                        public Mono<Void> send(ChannelSpec channel, Publisher<byte[]> payloads) {
                            return Flux.from(payloads).then();
                        }

                        @Override
                        public Flux<ConnectionState> states() {
                            return states.asFlux();
                        }

                        @Override
                        public Mono<Void> close() {
                            return Mono.empty();
                        }
                    });
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
            return "scripted";
        }
    }

    @Test
    void failedOpenFailsTheConnectAndReleasesTheProvider() {
        ScriptedConfig config = new ScriptedConfig("fail-open", true, Sinks.many().replay().latest(),
                new AtomicInteger());
        StepVerifier.create(Teleflux.robot(config).connect())
                .expectErrorMessage("no route to robot")
                .verify(TIMEOUT);
        assertThat(ProviderRegistry.global().isActive(config)).isFalse();
        assertThat(config.stops()).hasValue(1);
    }

    @Test
    void aFatalLinkErrorReachesTheStatesFluxAndClosesTheSession() {
        Sinks.Many<ConnectionState> states = Sinks.many().replay().latest();
        states.tryEmitNext(ConnectionState.CONNECTED);
        ScriptedConfig config = new ScriptedConfig("fatal", false, states, new AtomicInteger());
        Session robot = Teleflux.robot(config).connectNow(TIMEOUT);
        TelefluxException rejected = new TelefluxException("broker rejected the API key 5 times");

        StepVerifier.create(robot.states())
                .expectNext(ConnectionState.CONNECTED)
                .then(() -> states.tryEmitError(rejected))
                .expectErrorMatches(e -> e == rejected)
                .verify(TIMEOUT);
        StepVerifier.create(robot.onClose()).expectComplete().verify(TIMEOUT);
        StepVerifier.create(robot.receive(Channels.CMD_UNRELIABLE)).expectComplete().verify(TIMEOUT);
        assertThat(ProviderRegistry.global().isActive(config)).isFalse();
    }

    @Test
    void providerStatesBetweenConnectedAndClosedAreForwarded() {
        Sinks.Many<ConnectionState> states = Sinks.many().replay().latest();
        states.tryEmitNext(ConnectionState.CONNECTED);
        ScriptedConfig config = new ScriptedConfig("flappy", false, states, new AtomicInteger());
        Session operator = Teleflux.operator(config).connectNow(TIMEOUT);
        StepVerifier.create(operator.states())
                .expectNext(ConnectionState.CONNECTED)
                .then(() -> states.tryEmitNext(ConnectionState.DISCONNECTED))
                .expectNext(ConnectionState.DISCONNECTED)
                .then(() -> states.tryEmitNext(ConnectionState.CONNECTED))
                .expectNext(ConnectionState.CONNECTED)
                .then(() -> states.tryEmitComplete()) // the provider ended the link: the session closes
                .expectNext(ConnectionState.CLOSED)
                .expectComplete()
                .verify(TIMEOUT);
    }
}
