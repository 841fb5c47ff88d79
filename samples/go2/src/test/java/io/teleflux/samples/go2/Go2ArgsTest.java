package io.teleflux.samples.go2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.broker.BrokerConfig;
import io.teleflux.loopback.LoopbackConfig;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Go2ArgsTest {

    @Test
    void optionsReachTheRobotAndLoopbackIsTheDefaultProvider() {
        Go2Args args = Go2Args.parse(new String[] {"--seconds", "3", "--watchdog", "200", "--latency-stamp",
                "--allow-acrobatics"});
        assertThat(args.seconds()).contains(Duration.ofSeconds(3));
        assertThat(args.options().watchdog()).isEqualTo(Duration.ofMillis(200));
        assertThat(args.options().latencyStamp()).isTrue();
        assertThat(args.options().allowAcrobatics()).isTrue();
        assertThat(Go2Main.provider(args)).isEqualTo(LoopbackConfig.named("go2"));
        assertThat(Go2Main.provider(Go2Args.parse(new String[] {"--loopback", "lab"})))
                .isEqualTo(LoopbackConfig.named("lab"));
        assertThat(Go2Args.parse(new String[] {"-h"}).help()).isTrue();
    }

    @Test
    void brokerAndApiKeyMakeABrokerRobotThatLeavesPingsToTheProvider() {
        Go2Args args = Go2Args.parse(new String[] {"--broker", "https://teleop.example.org", "--api-key",
                "dtk_live_0123456789abcdef0123456789abcdef01234567", "--robot-name", "lab go2", "--no-camera"});
        BrokerConfig config = (BrokerConfig) Go2Main.provider(args);
        assertThat(config.brokerUrl()).isEqualTo(URI.create("https://teleop.example.org"));
        assertThat(config.apiKey()).isEqualTo("dtk_live_0123456789abcdef0123456789abcdef01234567");
        assertThat(config.robotName()).isEqualTo("lab go2");
        assertThat(config.robotType()).contains("go2");
        assertThat(config.video()).isFalse();
        assertThat(config.stunUrl()).contains(BrokerConfig.DEFAULT_STUN_URL);
        assertThat(Go2Main.options(args).answerPings()).as("the broker provider answers pings inline").isFalse();
        assertThat(Go2Main.options(Go2Args.parse(new String[0])).answerPings()).isTrue();
        assertThat(args.toString()).doesNotContain("dtk_live_");

        BrokerConfig local = (BrokerConfig) Go2Main.provider(Go2Args.parse(new String[] {"--broker",
                "http://10.77.0.1:8080", "--api-key", "k", "--stun", "none"}));
        assertThat(local.stunUrl()).isEmpty();
        assertThat(local.video()).isTrue();
    }

    @Test
    void demoOptionsHaveDefaultsAndRejectBadValues() {
        DemoArgs defaults = DemoArgs.parse(new String[0]);
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.duration()).isEmpty();
        assertThat(defaults.options().camera()).isTrue();
        DemoArgs args = DemoArgs.parse(new String[] {"--port", "0", "--duration", "5", "--no-video", "--host",
                "0.0.0.0"});
        assertThat(args.port()).isZero();
        assertThat(args.duration()).contains(Duration.ofSeconds(5));
        assertThat(args.options().camera()).isFalse();
        assertThat(args.host()).isEqualTo("0.0.0.0");
        assertThat(DemoArgs.parse(new String[] {"--help"}).help()).isTrue();
        assertThatThrownBy(() -> DemoArgs.parse(new String[] {"--port", "70000"})).hasMessageContaining("70000");
        assertThatThrownBy(() -> DemoArgs.parse(new String[] {"--duration", "0"})).hasMessageContaining("was 0");
        assertThatThrownBy(() -> DemoArgs.parse(new String[] {"--duration"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> DemoArgs.parse(new String[] {"--loopback"})).hasMessageContaining("'--loopback'");
    }

    @Test
    void badCommandLinesAreRejectedWithTheOffendingValue() {
        assertThatThrownBy(() -> Go2Args.parse(new String[] {"--seconds", "0"})).hasMessageContaining("was 0");
        assertThatThrownBy(() -> Go2Args.parse(new String[] {"--watchdog", "soon"})).hasMessageContaining("'soon'");
        assertThatThrownBy(() -> Go2Args.parse(new String[] {"--loopback"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Go2Args.parse(new String[] {"--fly"})).hasMessageContaining("'--fly'");
        assertThatThrownBy(() -> Go2Args.parse(new String[] {"--broker", "https://b.example"}))
                .hasMessageContaining("--api-key");
        assertThatThrownBy(() -> Go2Args.parse(new String[] {"--broker", "b.example", "--api-key", "k"}))
                .hasMessageContaining("absolute URL");
        assertThatThrownBy(() -> Go2Args.parse(new String[] {"--loopback", "a", "--broker", "https://b.example",
                "--api-key", "k"})).hasMessageContaining("exclude");
        assertThatThrownBy(() -> Go2Args.parse(new String[] {"--broker", "ftp://b.example", "--api-key", "k"}))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> Go2Args.parse(new String[] {"--stun", "none"})).hasMessageContaining("--broker");
        assertThatThrownBy(() -> Go2Args.parse(new String[] {"--broker", "https://b.example", "--api-key", " "}))
                .hasMessageContaining("blank");
    }

    @Test
    void optionsRejectBadValuesAtOnce() {
        assertThatThrownBy(() -> Go2Options.defaults().withLimits(0, 1)).hasMessageContaining("was 0.0");
        assertThatThrownBy(() -> Go2Options.defaults().withWatchdog(Duration.ZERO)).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> Go2Options.defaults().withCameraFormat(641, 480, 30)).hasMessageContaining("641");
        assertThatThrownBy(() -> Go2Options.defaults().withRates(0, 15)).hasMessageContaining("was 0");
    }
}
