package io.teleflux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChannelSpecTest {

    @Test
    void standardChannelsCarryTheWireOptionsOfTheProtocol() {
        assertThat(Channels.CMD_UNRELIABLE.qos().ordered()).isFalse();
        assertThat(Channels.CMD_UNRELIABLE.qos().maxRetransmits()).hasValue(0);
        assertThat(Channels.MAP_UNRELIABLE.qos().ordered()).isFalse();
        assertThat(Channels.MAP_UNRELIABLE.qos().maxRetransmits()).hasValue(0);
        assertThat(Channels.STATE_RELIABLE.qos().isReliable()).isTrue();
        assertThat(Channels.STATE_RELIABLE.qos().ordered()).isTrue();
        assertThat(Channels.STATE_RELIABLE_BACK.qos().isReliable()).isTrue();
        assertThat(Channels.STANDARD).extracting(ChannelSpec::name)
                .containsExactly("cmd_unreliable", "state_reliable", "state_reliable_back", "map_unreliable");
        assertThat(Channels.CMD_UNRELIABLE.direction()).isEqualTo(Direction.OPERATOR_TO_ROBOT);
        assertThat(Channels.STATE_RELIABLE_BACK.direction()).isEqualTo(Direction.ROBOT_TO_OPERATOR);
        assertThat(Channels.CMD_UNRELIABLE.backpressure()).isEqualTo(BackpressurePolicy.LATEST);
        assertThat(Channels.STATE_RELIABLE.backpressure()).isEqualTo(BackpressurePolicy.buffer(1024));
    }

    @Test
    void withersReturnCopiesAndLeaveTheOriginalAlone() {
        ChannelSpec copy = Channels.CMD_UNRELIABLE.withBackpressure(BackpressurePolicy.dropOldest(8));
        assertThat(copy).isNotEqualTo(Channels.CMD_UNRELIABLE);
        assertThat(Channels.CMD_UNRELIABLE.backpressure()).isEqualTo(BackpressurePolicy.LATEST);
        assertThat(copy.name()).isEqualTo("cmd_unreliable");
    }

    @Test
    void badValuesFailAtOnceWithTheValueInTheMessage() {
        assertThatThrownBy(() -> ChannelSpec.of("", Direction.BOTH)).hasMessageContaining("''");
        assertThatThrownBy(() -> ChannelSpec.of("x".repeat(65), Direction.BOTH)).hasMessageContaining("xxx");
        assertThatThrownBy(() -> Channels.CMD_UNRELIABLE.withMaxMessageSize(0)).hasMessageContaining("was 0");
        assertThatThrownBy(() -> BackpressurePolicy.buffer(0)).hasMessageContaining("was 0");
        assertThatThrownBy(() -> Qos.maxRetransmits(false, -1)).hasMessageContaining("was -1");
        assertThatThrownBy(() -> Qos.maxPacketLifeTime(true, Duration.ofSeconds(70)))
                .hasMessageContaining("PT1M10S");
    }

    @Test
    void directionsAllowTheRightRoles() {
        assertThat(Direction.OPERATOR_TO_ROBOT.allowsSend(Role.OPERATOR)).isTrue();
        assertThat(Direction.OPERATOR_TO_ROBOT.allowsSend(Role.ROBOT)).isFalse();
        assertThat(Direction.OPERATOR_TO_ROBOT.allowsReceive(Role.ROBOT)).isTrue();
        assertThat(Direction.ROBOT_TO_OPERATOR.allowsSend(Role.ROBOT)).isTrue();
        assertThat(Direction.ROBOT_TO_OPERATOR.allowsReceive(Role.OPERATOR)).isTrue();
        assertThat(Direction.ROBOT_TO_OPERATOR.allowsReceive(Role.ROBOT)).isFalse();
        assertThat(Direction.BOTH.allowsSend(Role.ROBOT)).isTrue();
        assertThat(Direction.BOTH.allowsReceive(Role.ROBOT)).isTrue();
    }
}
