package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PingResponderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pingIsAnsweredWithTheClientTsEchoedAndTheRobotClock() throws Exception {
        byte[] pong = PingResponder.answer(utf8("{\"type\":\"ping\",\"client_ts\":1763750000.123456}"), 42.5)
                .orElseThrow();
        JsonNode n = JSON.readTree(pong);
        assertThat(n.get("type").asText()).isEqualTo("pong");
        assertThat(n.get("client_ts").asDouble()).isEqualTo(1763750000.123456);
        assertThat(n.get("robot_ts").asDouble()).isEqualTo(42.5);
        assertThat(new String(pong, StandardCharsets.UTF_8)).startsWith("{\"type\":\"pong\",\"client_ts\":");
    }

    @Test
    void clientTsIsEchoedAsSentEvenWhenItIsAnInteger() {
        byte[] pong = PingResponder.answer(utf8("{\"client_ts\":17,\"type\":\"ping\"}"), 1.0).orElseThrow();
        assertThat(new String(pong, StandardCharsets.UTF_8)).contains("\"client_ts\":17,");
    }

    @Test
    void nonJsonBinaryIsIgnored() {
        byte[] lcm = TwistStamped.TYPE.encode(TwistStamped.of(1, 2, 3, "keyboard", Vector3.ZERO, Vector3.ZERO));
        assertThat(PingResponder.answer(lcm, 1.0)).isEmpty();
        assertThat(PingResponder.answer(new byte[0], 1.0)).isEmpty();
    }

    @Test
    void malformedJsonIsIgnored() {
        assertThat(PingResponder.answer(utf8("{\"type\":\"ping\",\"client_ts\":"), 1.0)).isEmpty();
        assertThat(PingResponder.answer(utf8("{\"type\":\"ping\"} trailing"), 1.0)).isEmpty();
    }

    @Test
    void otherTypesAndPingsWithoutClientTsAreIgnored() {
        assertThat(PingResponder.answer(utf8("{\"type\":\"estop\",\"nonce\":1}"), 1.0)).isEmpty();
        assertThat(PingResponder.answer(utf8("{\"type\":\"ping\"}"), 1.0)).isEmpty();
        assertThat(PingResponder.answer(utf8("{\"type\":\"ping\",\"client_ts\":null}"), 1.0)).isEmpty();
        assertThat(PingResponder.answer(utf8("{\"type\":\"pong\",\"client_ts\":1}"), 1.0)).isEmpty();
    }

    @Test
    void operatorLostIsByteExactWithTheSpace() {
        assertThat(new String(PingResponder.operatorLost(), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\": \"operator_lost\"}");
    }
}
