package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.teleflux.webrtc.IceServer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The broker's JSON replies as the clients read them. */
class BrokerJsonTest {

    private static JsonNode json(String s) throws Exception {
        return BrokerHttp.JSON.readTree(s);
    }

    @Test
    void heartbeatAckIdsAndOffer() throws Exception {
        HeartbeatAck ack = HeartbeatAck.parse(json("{\"ack\":true,\"cmd_channel_subscriber_id\":5,"
                + "\"state_channel_subscriber_id\":6,\"state_back_channel_publisher_id\":7,"
                + "\"map_channel_publisher_id\":8,\"renegotiate_offer\":\"v=0\"}"));
        assertThat(ack.channels().ids()).containsExactly(java.util.Map.entry("state_reliable_back", 7),
                java.util.Map.entry("map_unreliable", 8), java.util.Map.entry("cmd_unreliable", 5),
                java.util.Map.entry("state_reliable", 6));
        assertThat(ack.renegotiateOffer()).isEqualTo("v=0");
    }

    @Test
    void aLiveKitStyleAckHasNoChannels() throws Exception {
        HeartbeatAck ack = HeartbeatAck.parse(json("{\"ack\":true}"));
        assertThat(ack.channels().ids().values()).containsOnlyNulls();
        assertThat(ack.renegotiateOffer()).isNull();
        assertThat(HeartbeatAck.parse(json("{\"state_channel_subscriber_id\":null}")).channels().ids().values())
                .containsOnlyNulls();
    }

    @Test
    void aNonIntegerIdIsAClearError() {
        assertThatThrownBy(() -> HeartbeatAck.parse(json("{\"cmd_channel_subscriber_id\":[1]}")))
                .isInstanceOf(BrokerException.class).hasMessageContaining("cmd_channel_subscriber_id");
    }

    @Test
    void iceServersAsStringListOrSingleObject() throws Exception {
        assertThat(IceServers.parse(json("{\"ice_servers\":[{\"urls\":\"stun:stun.cloudflare.com:3478\"}]}")))
                .containsExactly(IceServer.stun("stun:stun.cloudflare.com:3478"));
        assertThat(IceServers.parse(json("{\"ice_servers\":{\"urls\":[\"turn:t:3478?transport=udp\","
                + "\"turns:t:443?transport=tcp\"],\"username\":\"u\",\"credential\":\"c\"}}")))
                .containsExactly(new IceServer(java.util.List.of("turn:t:3478?transport=udp",
                        "turns:t:443?transport=tcp"), "u", "c"));
        assertThat(IceServers.parse(json("{\"ice_servers\":[{\"urls\":\"http://bad\"},{\"username\":\"x\"}]}")))
                .isEmpty();
        assertThat(IceServers.parse(json("{}"))).isEmpty();
    }

    @Test
    void sessionInfoMatchesTheNamespacedRobotId() throws Exception {
        RobotSessionInfo s = RobotSessionInfo.parse(json("{\"session_id\":\"s1\",\"robot_id\":\"a@x.org:go2\","
                + "\"robot_name\":\"go2\",\"state\":\"idle\",\"transport\":\"cloudflare\",\"operator_id\":null}"));
        assertThat(s.isRobot("go2")).isTrue();
        assertThat(s.isRobot("a@x.org:go2")).isTrue();
        assertThat(s.isRobot("o2")).isFalse();
        assertThat(s.operatorId()).isEqualTo(Optional.empty());
    }
}
