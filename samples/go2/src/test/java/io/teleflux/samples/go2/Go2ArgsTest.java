package io.teleflux.samples.go2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.loopback.LoopbackConfig;
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
    }

    @Test
    void optionsRejectBadValuesAtOnce() {
        assertThatThrownBy(() -> Go2Options.defaults().withLimits(0, 1)).hasMessageContaining("was 0.0");
        assertThatThrownBy(() -> Go2Options.defaults().withWatchdog(Duration.ZERO)).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> Go2Options.defaults().withCameraFormat(641, 480, 30)).hasMessageContaining("641");
        assertThatThrownBy(() -> Go2Options.defaults().withRates(0, 15)).hasMessageContaining("was 0");
    }
}
