package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.broker.server.BrokerOptions;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The operator's REST calls against an embedded broker (HTTP only: no peer connection, no namespace needed). */
class OperatorClientTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static BrokerFixture broker;

    @BeforeAll
    static void startBroker() {
        broker = BrokerFixture.start(BrokerOptions.defaults().withDevToken("dev-token-carol", "carol@example.org"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void loginTellsWhoTheOperatorIsAndListsNoSessionsYet() {
        OperatorClient carol = OperatorClient.login(broker.url(), "dev-token-carol").block(T);
        assertThat(carol.identity().subject()).isEqualTo("carol@example.org");
        assertThat(carol.toString()).doesNotContain("dev-token-carol");
        StepVerifier.create(carol.sessions()).expectNext(java.util.List.of()).expectComplete().verify(T);
    }

    @Test
    void aRejectedTokenIsAnAuthFailure() {
        StepVerifier.create(OperatorClient.login(broker.url(), "wrong-token"))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(BrokerException.class);
                    assertThat(((BrokerException) e).status()).isEqualTo(401);
                    assertThat(((BrokerException) e).isAuthFailure()).isTrue();
                })
                .verify(T);
    }

    @Test
    void anUnreachableBrokerIsStatusZero() {
        StepVerifier.create(OperatorClient.login(URI.create("http://127.0.0.1:9"), "some-token"))
                .expectErrorSatisfies(e -> assertThat(((BrokerException) e).status()).isZero())
                .verify(T);
    }
}
