package io.teleflux.codecs.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.teleflux.MessageDecodingException;
import io.teleflux.MessageEncodingException;
import io.teleflux.MessageType;
import io.teleflux.codecs.json.ControlMessage.Estop;
import io.teleflux.codecs.json.ControlMessage.Ping;
import io.teleflux.codecs.json.ControlMessage.Pong;
import io.teleflux.codecs.json.ControlMessage.Unknown;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unknown kinds pass through; everything malformed is a {@link MessageDecodingException}; demux is by "type". */
class ControlMessageDecodingTest {

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void unknownKindsPassThroughUnchanged() {
        String json = "{\"type\":\"camera_select\",\"cams\":[\"cam1\",\"cam2\"],\"extra\":{\"a\":null}}";
        ControlMessage message = ControlMessages.TYPE.decode(utf8(json));
        assertThat(message).isInstanceOf(Unknown.class);
        Unknown unknown = (Unknown) message;
        assertThat(unknown.type()).isEqualTo("camera_select");
        assertThat(unknown.raw().get("cams").size()).isEqualTo(2);
        assertThat(new String(ControlMessages.TYPE.encode(unknown), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void unknownRefusesAKnownKindOrAMismatchedType() {
        assertThatThrownBy(() -> new Unknown("ping", JsonNodeFactory.instance.objectNode().put("type", "ping")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("known kind");
        assertThatThrownBy(() -> new Unknown("light", JsonNodeFactory.instance.objectNode().put("type", "map")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Unknown("light", JsonNodeFactory.instance.arrayNode()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                                                    // empty
        "   ",                                                 // whitespace only
        "{",                                                   // unterminated
        "{\"type\":\"ping\",\"client_ts\":1",                  // unterminated
        "{\"type\":\"ping\",\"client_ts\":1} {}",              // trailing content
        "{\"type\":\"ping\",\"client_ts\":1}x",                // trailing garbage
        "{type:\"ping\"}",                                     // unquoted name
        "{'type':'ping'}",                                     // single quotes
        "{\"type\":\"ping\",\"client_ts\":1,}",                // trailing comma
        "{\"type\":\"ping\",\"type\":\"pong\",\"client_ts\":1,\"robot_ts\":2}", // duplicate "type"
        "[{\"type\":\"ping\"}]",                               // root array
        "\"ping\"",                                            // root string
        "{}",                                                  // no type
        "{\"type\":null}",                                     // null type
        "{\"type\":7}",                                        // numeric type
        "{\"type\":[\"ping\"]}",                               // array type
        "{\"type\":\"ping\"}",                                 // missing required member
        "{\"type\":\"ping\",\"client_ts\":\"1712345678.1\"}",  // number as string
        "{\"type\":\"ping\",\"client_ts\":null}",              // null number
        "{\"type\":\"pong\",\"client_ts\":1}",                 // missing robot_ts
        "{\"type\":\"cmd_ack\",\"nonce\":1,\"ok\":\"true\"}",  // boolean as string
        "{\"type\":\"cmd_ack\",\"nonce\":1,\"ok\":1}",         // boolean as number
        "{\"type\":\"cmd_ack\",\"nonce\":{\"id\":1},\"ok\":true}", // object nonce
        "{\"type\":\"estop\",\"nonce\":[1]}",                  // array nonce
        "{\"type\":\"sport_cmd\",\"name\":5,\"nonce\":1}",     // name not a string
        "{\"type\":\"sport_cmd\",\"nonce\":1}",                // missing name
        "{\"type\":\"nav_goal\",\"x\":1,\"nonce\":1}",         // missing y
        "{\"type\":\"nav_goal\",\"x\":true,\"y\":1}",          // x not a number
        "{\"type\":\"odom\",\"x\":1,\"y\":2,\"yaw\":3}",       // missing ts
        "{\"type\":\"robot_telemetry\",\"cmd\":[],\"robot_ts\":1}",        // cmd array
        "{\"type\":\"robot_telemetry\",\"soc\":\"50%\",\"robot_ts\":1}",   // soc string
        "{\"type\":\"robot_telemetry\",\"state\":3,\"robot_ts\":1}",       // state number
        "{\"type\":\"robot_telemetry\",\"cmd\":null}",                     // missing robot_ts
        "{\"type\":\"video_stats\",\"fps\":\"30\"}",           // number as string
        "{\"type\":\"video_stats\",\"codec\":264}",            // string as number
        "{\"type\":\"clock_report\",\"rtt_ms\":1}",            // missing offset_ms
    })
    void malformedMessagesAreRejected(String json) {
        assertThatThrownBy(() -> ControlMessages.TYPE.decode(utf8(json)))
                .isExactlyInstanceOf(MessageDecodingException.class);
    }

    @Test
    void bytesThatAreNotUtf8AreRejected() {
        byte[][] invalid = {
            {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'},
            {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'},
            {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
            {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'},
        };
        for (byte[] payload : invalid) {
            assertThatThrownBy(() -> ControlMessages.TYPE.decode(payload))
                    .isExactlyInstanceOf(MessageDecodingException.class).hasMessageContaining("UTF-8");
        }
    }

    @Test
    void utf16LookalikeBytesAreNotMisreadAsAnotherEncoding() {
        byte[] utf16le = "{\"type\":\"ping\",\"client_ts\":1}".getBytes(StandardCharsets.UTF_16LE);
        assertThatThrownBy(() -> ControlMessages.TYPE.decode(utf16le))
                .isExactlyInstanceOf(MessageDecodingException.class);
    }

    @Test
    void deeplyNestedJsonIsRejected() {
        String json = "{\"type\":\"x\",\"a\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}";
        assertThatThrownBy(() -> ControlMessages.TYPE.decode(utf8(json)))
                .isExactlyInstanceOf(MessageDecodingException.class);
    }

    @Test
    void nullPayloadIsRejected() {
        assertThatThrownBy(() -> ControlMessages.TYPE.decode(null))
                .isExactlyInstanceOf(MessageDecodingException.class);
    }

    @Test
    void matchesAnyObjectAndNoLcmPayload() {
        MessageType<ControlMessage> type = ControlMessages.TYPE;
        assertThat(type.matches(utf8("{\"type\":\"ping\"}"))).isTrue();
        assertThat(type.matches(utf8(" \t\r\n{"))).isTrue();
        assertThat(type.matches(utf8("[1]"))).isFalse();
        assertThat(type.matches(new byte[0])).isFalse();
        assertThat(type.matches(null)).isFalse();
        byte[] twist = TwistStamped.TYPE.encode(TwistStamped.of(1, 2, 3, "keyboard", Vector3.ZERO, Vector3.ZERO));
        assertThat(type.matches(twist)).isFalse();
    }

    @Test
    void perKindTypesMatchOnlyTheirKind() {
        byte[] ping = utf8("{\"client_ts\":1,\"nested\":{\"type\":\"pong\"},\"type\":\"ping\"}");
        byte[] pong = utf8("{\"type\":\"pong\",\"client_ts\":1,\"robot_ts\":2}");
        byte[] light = utf8("{\"type\":\"light\",\"brightness\":0.5,\"nonce\":3}");
        MessageType<Ping> pings = ControlMessages.of(Ping.class);
        MessageType<Unknown> unknowns = ControlMessages.of(Unknown.class);

        assertThat(pings.matches(ping)).isTrue();
        assertThat(pings.matches(pong)).isFalse();
        assertThat(pings.matches(light)).isFalse();
        assertThat(pings.decode(ping)).isEqualTo(new Ping(1));
        assertThat(ControlMessages.of(Pong.class).matches(pong)).isTrue();
        assertThat(unknowns.matches(light)).isTrue();
        assertThat(unknowns.matches(ping)).isFalse();
        assertThat(unknowns.decode(light).type()).isEqualTo("light");
        assertThat(ControlMessages.of(ControlMessage.class)).isSameAs(ControlMessages.TYPE);
        assertThat(pings.name()).isEqualTo("teleflux.control.ping");
        assertThat(pings.javaType()).isEqualTo(Ping.class);

        assertThatThrownBy(() -> pings.decode(pong)).isExactlyInstanceOf(MessageDecodingException.class)
                .hasMessageContaining("pong");
        for (byte[] junk : new byte[][] {null, {}, utf8("{"), utf8("{\"type\":"), utf8("{\"type\":1}"),
            {'{', (byte) 0xFF}}) {
            assertThat(pings.matches(junk)).isFalse();
            assertThat(unknowns.matches(junk)).isFalse();
        }
    }

    @Test
    void nonFiniteNumbersAndNullMessagesCannotBeEncoded() {
        assertThatThrownBy(() -> ControlMessages.TYPE.encode(new Ping(Double.NaN)))
                .isExactlyInstanceOf(MessageEncodingException.class).hasMessageContaining("client_ts");
        assertThatThrownBy(() -> ControlMessages.TYPE.encode(new Pong(1, Double.POSITIVE_INFINITY)))
                .isExactlyInstanceOf(MessageEncodingException.class).hasMessageContaining("robot_ts");
        assertThatThrownBy(() -> ControlMessages.TYPE.encode(null))
                .isExactlyInstanceOf(MessageEncodingException.class);
    }

    @Test
    void containerNoncesAreRefusedAtConstruction() {
        assertThatThrownBy(() -> new Estop(JsonNodeFactory.instance.objectNode()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
