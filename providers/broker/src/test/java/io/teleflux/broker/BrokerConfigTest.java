package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    private static final String KEY = "dtk_live_0123456789abcdef0123456789abcdef01234567";

    @Test
    void defaultsAreTheHostedTeleopOnes() {
        BrokerConfig c = BrokerConfig.of(KEY);
        assertThat(c.brokerUrl()).isEqualTo(URI.create("https://teleop.dimensionalos.com"));
        assertThat(c.robotId()).isEmpty();
        assertThat(c.robotName()).isEqualTo("robot");
        assertThat(c.robotType()).isEmpty();
        assertThat(c.stunUrl()).contains("stun:stun.cloudflare.com:3478");
        assertThat(c.heartbeat()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.video()).isTrue();
        assertThat(c.awaitOperator()).isFalse();
        assertThat(c.kind()).isEqualTo("broker");
    }

    @Test
    void aMissingKeyIsAClearError() {
        assertThatThrownBy(() -> BrokerConfig.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("API key").hasMessageContaining("X-Robot-API-Key");
        assertThatThrownBy(() -> BrokerConfig.of("  ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void robotTypeIsNotPartOfEquality() {
        BrokerConfig a = BrokerConfig.of(KEY).withRobotId("go2-1");
        BrokerConfig b = a.withRobotType("go2");
        assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(b.robotType()).contains("go2");
        assertThat(a.withRobotName("other")).isNotEqualTo(a);
    }

    @Test
    void theKeyIsNeverPrinted() {
        assertThat(BrokerConfig.of(KEY).toString()).doesNotContain(KEY).contains("dtk_live_01234");
    }

    @Test
    void badValuesFailAtOnceWithTheValue() {
        BrokerConfig c = BrokerConfig.of(KEY);
        assertThatThrownBy(() -> c.withHeartbeat(Duration.ofMillis(1))).hasMessageContaining("PT0.001S");
        assertThatThrownBy(() -> c.withBrokerUrl(URI.create("ftp://x"))).hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> c.withStunUrl("http://x")).hasMessageContaining("http://x");
    }

    @Test
    void operatorConfigNeedsATokenAndHidesIt() {
        URI url = URI.create("http://10.77.0.1:8080");
        assertThatThrownBy(() -> OperatorConfig.session(url, "", "s")).hasMessageContaining("bearer token");
        assertThat(OperatorConfig.robot(url, "secret-token", "r1").toString()).doesNotContain("secret-token");
        assertThat(OperatorConfig.session(url, "t0ken-123", "s1").heartbeat()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void brokerErrorsQuoteAtMost200Characters() {
        String sdp = "v=0 " + "a=ice-pwd:secret ".repeat(50);
        assertThat(BrokerException.quote(sdp)).hasSizeLessThanOrEqualTo(201);
    }
}
