package io.teleflux.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoopbackDemoTest {

    @Test
    void demoDrivesTheRobotAndAnswersPings() {
        LoopbackDemo.DemoReport report = LoopbackDemo.run(DemoOptions.parse(
                new String[] {"--seconds", "2", "--speed", "1.0", "--turn", "0"}));
        assertThat(report.commandsSent()).isGreaterThan(100);
        assertThat(report.commandsApplied()).isGreaterThan(100);
        // 1 m/s straight ahead for ~2 s, odometry sampled at 15 Hz
        assertThat(report.pose().x()).isBetween(1.3, 2.6);
        assertThat(report.pose().y()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.pongs()).isGreaterThanOrEqualTo(2);
        assertThat(report.odomReceived()).isGreaterThan(10);
    }

    @Test
    void badOptionsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--seconds", "0"})).hasMessageContaining("was 0");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--rate"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--bogus"})).hasMessageContaining("--bogus");
        assertThat(DemoOptions.parse(new String[] {"--help"}).help()).isTrue();
    }
}
