package io.teleflux.codecs.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teleflux.codecs.json.ControlMessage.ClockReport;
import io.teleflux.codecs.json.ControlMessage.CmdAck;
import io.teleflux.codecs.json.ControlMessage.Estop;
import io.teleflux.codecs.json.ControlMessage.EstopClear;
import io.teleflux.codecs.json.ControlMessage.NavCancel;
import io.teleflux.codecs.json.ControlMessage.NavGoal;
import io.teleflux.codecs.json.ControlMessage.Odom;
import io.teleflux.codecs.json.ControlMessage.OperatorLost;
import io.teleflux.codecs.json.ControlMessage.Ping;
import io.teleflux.codecs.json.ControlMessage.Pong;
import io.teleflux.codecs.json.ControlMessage.RobotTelemetry;
import io.teleflux.codecs.json.ControlMessage.RobotTelemetry.CmdStats;
import io.teleflux.codecs.json.ControlMessage.SportCmd;
import io.teleflux.codecs.json.ControlMessage.VideoStats;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each message's exact bytes on the wire, as the browser and DimOS write and read them (reference §3.6). */
class ControlMessageWireFormTest {

    private static ObjectNode go2State() {
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.put("posture", "StandReady").put("rage", false).put("obstacle_avoidance", true).put("light", 0.5)
                .put("estopped", true);
        return state;
    }

    private static ObjectNode videoFields() {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("fps", 29.5).put("kbps", 1850).put("width", 1280).put("height", 720).put("loss_pct", 0.1)
                .putNull("e2e_latency_ms").put("codec", "video/H264").put("decoder", "ExternalDecoder");
        return fields;
    }

    static Stream<Arguments> wireForms() {
        return Stream.of(
                Arguments.of(new Ping(1712345678.123), "{\"type\":\"ping\",\"client_ts\":1712345678.123}"),
                Arguments.of(new Pong(1712345678.123, 1712345678.4567),
                        "{\"type\":\"pong\",\"client_ts\":1712345678.123,\"robot_ts\":1712345678.4567}"),
                Arguments.of(new ClockReport(42.5, -1234.25),
                        "{\"type\":\"clock_report\",\"rtt_ms\":42.5,\"offset_ms\":-1234.25}"),
                Arguments.of(new CmdAck(ControlMessages.nonce(17), true),
                        "{\"type\":\"cmd_ack\",\"nonce\":17,\"ok\":true}"),
                Arguments.of(new CmdAck(ControlMessages.nonce("a1b2"), false),
                        "{\"type\":\"cmd_ack\",\"nonce\":\"a1b2\",\"ok\":false}"),
                Arguments.of(new Estop(ControlMessages.nonce(5)), "{\"type\":\"estop\",\"nonce\":5}"),
                Arguments.of(new EstopClear(ControlMessages.nonce(6)), "{\"type\":\"estop_clear\",\"nonce\":6}"),
                Arguments.of(new SportCmd("Damp", ControlMessages.nonce(7)),
                        "{\"type\":\"sport_cmd\",\"name\":\"Damp\",\"nonce\":7}"),
                Arguments.of(new NavGoal(3.5, -2.0, ControlMessages.nonce(8)),
                        "{\"type\":\"nav_goal\",\"x\":3.5,\"y\":-2.0,\"nonce\":8}"),
                Arguments.of(new NavCancel(ControlMessages.nonce(9)), "{\"type\":\"nav_cancel\",\"nonce\":9}"),
                Arguments.of(OperatorLost.INSTANCE, "{\"type\":\"operator_lost\"}"),
                Arguments.of(new Odom(1.25, -0.5, 3.0, 1712345678.9),
                        "{\"type\":\"odom\",\"x\":1.25,\"y\":-0.5,\"yaw\":3.0,\"ts\":1712345678.9}"),
                Arguments.of(new RobotTelemetry(Optional.of(CmdStats.of(12.5, 1.5, 80.0, Double.NaN)),
                                OptionalDouble.of(87.0), go2State(), 1712345679.25),
                        "{\"type\":\"robot_telemetry\",\"cmd\":{\"latency_ms\":12.5,\"jitter_ms\":1.5,"
                                + "\"rate_hz\":80.0,\"throughput_bps\":null},\"soc\":87.0,"
                                + "\"state\":{\"posture\":\"StandReady\",\"rage\":false,"
                                + "\"obstacle_avoidance\":true,\"light\":0.5,\"estopped\":true},"
                                + "\"robot_ts\":1712345679.25}"),
                Arguments.of(new RobotTelemetry(Optional.empty(), OptionalDouble.empty(),
                                JsonNodeFactory.instance.objectNode(), 1.5),
                        "{\"type\":\"robot_telemetry\",\"cmd\":null,\"soc\":null,\"state\":{},\"robot_ts\":1.5}"),
                Arguments.of(new VideoStats(videoFields()),
                        "{\"type\":\"video_stats\",\"fps\":29.5,\"kbps\":1850,\"width\":1280,\"height\":720,"
                                + "\"loss_pct\":0.1,\"e2e_latency_ms\":null,\"codec\":\"video/H264\","
                                + "\"decoder\":\"ExternalDecoder\"}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wireForms")
    void encodesToTheDocumentedWireForm(ControlMessage message, String json) {
        assertThat(new String(ControlMessages.TYPE.encode(message), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wireForms")
    void decodesTheDocumentedWireFormBackToTheSameMessage(ControlMessage message, String json) {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        assertThat(ControlMessages.TYPE.matches(payload)).isTrue();
        ControlMessage decoded = ControlMessages.TYPE.decode(payload);
        assertThat(decoded).isEqualTo(message).hasSameHashCodeAs(message);
        assertThat(decoded.type()).isEqualTo(message.type());
    }

    @Test
    void pongAnswersAPingWithItsClientTimestamp() {
        Ping ping = (Ping) ControlMessages.TYPE.decode("{\"type\":\"ping\",\"client_ts\":1712345678.5}"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(Pong.reply(ping, 1712345679.0)).isEqualTo(new Pong(1712345678.5, 1712345679.0));
    }

    @Test
    void pythonsSpacedOutputAndIntegerTimestampsAreAccepted() {
        assertThat(decode("{\"type\": \"operator_lost\"}")).isEqualTo(OperatorLost.INSTANCE);
        assertThat(decode(" \n{\"client_ts\": 1712345678, \"type\": \"ping\"}")).isEqualTo(new Ping(1712345678));
        assertThat(decode("{\"type\":\"estop\"}")).isEqualTo(new Estop(null));
        assertThat(new Estop(null).nonce()).isEqualTo(NullNode.getInstance());
    }

    @Test
    void pythonNanIsReadIntoATypedField() {
        RobotTelemetry telemetry = (RobotTelemetry) decode(
                "{\"type\":\"robot_telemetry\",\"cmd\":null,\"soc\":NaN,\"robot_ts\":2.0}");
        assertThat(telemetry.soc().getAsDouble()).isNaN();
        assertThat(telemetry.state()).isEmpty();
    }

    @Test
    void nonceIsEchoedAsTheScalarItArrivedAs() {
        Estop estop = (Estop) decode("{\"type\":\"estop\",\"nonce\":12345678901}");
        assertThat(new String(ControlMessages.TYPE.encode(new CmdAck(estop.nonce(), true)), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"cmd_ack\",\"nonce\":12345678901,\"ok\":true}");
        assertThat(estop.nonce()).isEqualTo(ControlMessages.nonce(12345678901L));
        assertThat(new String(ControlMessages.TYPE.encode(new Estop(null)), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"estop\",\"nonce\":null}");
    }

    @Test
    void telemetryAndVideoStatsKeepEveryMemberAndReadTheDocumentedOnes() {
        RobotTelemetry telemetry = (RobotTelemetry) decode("{\"type\":\"robot_telemetry\","
                + "\"cmd\":{\"latency_ms\":12.5,\"jitter_ms\":null,\"loss_pct\":0.0,\"rate_hz\":80},"
                + "\"soc\":55,\"state\":{\"posture\":\"Sit\",\"estopped\":false,\"gripper\":\"open\"},"
                + "\"robot_ts\":3.0}");
        CmdStats cmd = telemetry.cmd().orElseThrow();
        assertThat(cmd.latencyMs()).hasValue(12.5);
        assertThat(cmd.jitterMs()).isEmpty();
        assertThat(cmd.rateHz()).hasValue(80);
        assertThat(cmd.throughputBps()).isEmpty();
        assertThat(cmd.fields().get("loss_pct").doubleValue()).isZero();
        assertThat(telemetry.posture()).hasValue("Sit");
        assertThat(telemetry.estopped()).isFalse();
        assertThat(telemetry.state().get("gripper").textValue()).isEqualTo("open");

        VideoStats stats = new VideoStats(videoFields());
        assertThat(stats.fps()).hasValue(29.5);
        assertThat(stats.kbps()).hasValue(1850);
        assertThat(stats.lossPct()).hasValue(0.1);
        assertThat(stats.e2eLatencyMs()).isEmpty();
        assertThat(stats.number("height")).hasValue(720);
        assertThat(stats.codec()).hasValue("video/H264");
    }

    @Test
    void jsonTreesInsideRecordsCannotBeChangedFromOutside() {
        ObjectNode state = go2State();
        RobotTelemetry telemetry = new RobotTelemetry(Optional.empty(), OptionalDouble.empty(), state, 1);
        state.put("estopped", false);
        telemetry.state().put("estopped", false);
        assertThat(telemetry.estopped()).isTrue();
    }

    @Test
    void timestampsAreWrittenInPlainNotation() {
        assertThat(ControlMessageCodec.formatDouble("t", "f", 1712345678.123)).isEqualTo("1712345678.123");
        assertThat(ControlMessageCodec.formatDouble("t", "f", 5.0)).isEqualTo("5.0");
        assertThat(ControlMessageCodec.formatDouble("t", "f", -0.0)).isEqualTo("-0.0");
        assertThat(ControlMessageCodec.formatDouble("t", "f", 1e-7)).isEqualTo("1.0E-7");
        assertThat(ControlMessageCodec.formatDouble("t", "f", 1e300)).isEqualTo("1.0E300");
    }

    private static ControlMessage decode(String json) {
        return ControlMessages.TYPE.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
