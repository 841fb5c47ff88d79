package io.teleflux.codecs.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teleflux.MessageDecodingException;
import io.teleflux.MessageEncodingException;
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
import io.teleflux.codecs.json.ControlMessage.Unknown;
import io.teleflux.codecs.json.ControlMessage.VideoStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads and writes {@link ControlMessage}s. Decoding is tree-based (strict UTF-8 first, then Jackson, then a check
 * of each member's JSON type); encoding writes members in the documented order with a streaming generator.
 */
final class ControlMessageCodec {

    /** The Java record of each modelled kind, by wire type. */
    static final Map<String, Class<? extends ControlMessage>> KINDS = Map.ofEntries(
            Map.entry("ping", Ping.class),
            Map.entry("pong", Pong.class),
            Map.entry("clock_report", ClockReport.class),
            Map.entry("cmd_ack", CmdAck.class),
            Map.entry("estop", Estop.class),
            Map.entry("estop_clear", EstopClear.class),
            Map.entry("sport_cmd", SportCmd.class),
            Map.entry("nav_goal", NavGoal.class),
            Map.entry("nav_cancel", NavCancel.class),
            Map.entry("operator_lost", OperatorLost.class),
            Map.entry("odom", Odom.class),
            Map.entry("robot_telemetry", RobotTelemetry.class),
            Map.entry("video_stats", VideoStats.class));

    private static final Set<String> VIDEO_STATS_NUMBERS = Set.of("fps", "kbps", "width", "height", "loss_pct",
            "jitter_ms", "frames_dropped", "freezes", "jitter_buffer_ms", "decode_ms", "e2e_latency_ms");
    private static final Set<String> VIDEO_STATS_STRINGS = Set.of("codec", "decoder");

    /** Deepest nesting accepted; control messages are two levels deep. */
    private static final int MAX_NESTING = 64;

    /**
     * The one mapper: duplicate keys are errors (a second {@code "type"} must not smuggle a different kind), trailing
     * tokens are errors, Python's {@code NaN}/{@code Infinity} are accepted and written back as such.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ControlMessageCodec() {
    }

    static boolean isKnownType(String type) {
        return KINDS.containsKey(type);
    }

    /** First non-whitespace byte is <code>'{'</code>. Never throws. */
    static boolean looksLikeObject(byte[] payload) {
        if (payload == null) {
            return false;
        }
        for (byte b : payload) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    /**
     * The value of the top-level {@code "type"} member, read with a streaming parser that stops there; null when
     * the payload is not an object or has no string {@code "type"}. Never throws.
     */
    static String sniffType(byte[] payload) {
        if (!looksLikeObject(payload)) {
            return null;
        }
        try (JsonParser p = MAPPER.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("type".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ decode

    static ControlMessage decode(byte[] payload) {
        ObjectNode root = parseObject(payload);
        JsonNode typeNode = root.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new MessageDecodingException("control message: \"type\" is missing or not a string");
        }
        String type = typeNode.textValue();
        switch (type) {
            case "ping":
                return new Ping(number(root, type, "client_ts"));
            case "pong":
                return new Pong(number(root, type, "client_ts"), number(root, type, "robot_ts"));
            case "clock_report":
                return new ClockReport(number(root, type, "rtt_ms"), number(root, type, "offset_ms"));
            case "cmd_ack":
                return new CmdAck(nonce(root, type), bool(root, type, "ok"));
            case "estop":
                return new Estop(nonce(root, type));
            case "estop_clear":
                return new EstopClear(nonce(root, type));
            case "sport_cmd":
                return new SportCmd(text(root, type, "name"), nonce(root, type));
            case "nav_goal":
                return new NavGoal(number(root, type, "x"), number(root, type, "y"), nonce(root, type));
            case "nav_cancel":
                return new NavCancel(nonce(root, type));
            case "operator_lost":
                return OperatorLost.INSTANCE;
            case "odom":
                return new Odom(number(root, type, "x"), number(root, type, "y"), number(root, type, "yaw"),
                        number(root, type, "ts"));
            case "robot_telemetry":
                return robotTelemetry(root, type);
            case "video_stats":
                return videoStats(root, type);
            default:
                return new Unknown(type, root);
        }
    }

    private static ObjectNode parseObject(byte[] payload) {
        if (payload == null) {
            throw new MessageDecodingException("control message: null payload");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(strictUtf8(payload));
        } catch (JacksonException e) {
            throw new MessageDecodingException("control message: malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MessageDecodingException("control message: not a JSON object");
        }
        return (ObjectNode) root;
    }

    private static String strictUtf8(byte[] payload) {
        boolean ascii = true;
        for (byte b : payload) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MessageDecodingException("control message: not valid UTF-8", e);
        }
    }

    private static JsonNode member(ObjectNode root, String type, String name) {
        JsonNode value = root.get(name);
        if (value == null) {
            throw new MessageDecodingException(type + ": \"" + name + "\" is missing");
        }
        return value;
    }

    private static MessageDecodingException wrongType(String type, String name, String expected, JsonNode value) {
        return new MessageDecodingException(
                type + ": \"" + name + "\" must be " + expected + ", was " + value.getNodeType());
    }

    private static double number(ObjectNode root, String type, String name) {
        JsonNode value = member(root, type, name);
        if (!value.isNumber()) {
            throw wrongType(type, name, "a number", value);
        }
        return value.doubleValue();
    }

    private static boolean bool(ObjectNode root, String type, String name) {
        JsonNode value = member(root, type, name);
        if (!value.isBoolean()) {
            throw wrongType(type, name, "a boolean", value);
        }
        return value.booleanValue();
    }

    private static String text(ObjectNode root, String type, String name) {
        JsonNode value = member(root, type, name);
        if (!value.isTextual()) {
            throw wrongType(type, name, "a string", value);
        }
        return value.textValue();
    }

    private static JsonNode nonce(ObjectNode root, String type) {
        JsonNode value = root.get("nonce");
        if (value == null) {
            return NullNode.getInstance();
        }
        if (!value.isValueNode()) {
            throw wrongType(type, "nonce", "a string, number or null", value);
        }
        return value;
    }

    private static RobotTelemetry robotTelemetry(ObjectNode root, String type) {
        JsonNode cmd = root.path("cmd");
        if (!cmd.isMissingNode() && !cmd.isNull() && !cmd.isObject()) {
            throw wrongType(type, "cmd", "an object or null", cmd);
        }
        JsonNode soc = root.path("soc");
        if (!soc.isMissingNode() && !soc.isNull() && !soc.isNumber()) {
            throw wrongType(type, "soc", "a number or null", soc);
        }
        JsonNode state = root.path("state");
        if (!state.isMissingNode() && !state.isNull() && !state.isObject()) {
            throw wrongType(type, "state", "an object or null", state);
        }
        return new RobotTelemetry(
                cmd.isObject() ? Optional.of(new CmdStats((ObjectNode) cmd)) : Optional.empty(),
                soc.isNumber() ? OptionalDouble.of(soc.doubleValue()) : OptionalDouble.empty(),
                state.isObject() ? (ObjectNode) state : JsonNodeFactory.instance.objectNode(),
                number(root, type, "robot_ts"));
    }

    private static VideoStats videoStats(ObjectNode root, String type) {
        ObjectNode fields = root.deepCopy();
        fields.remove("type");
        for (Map.Entry<String, JsonNode> member : fields.properties()) {
            JsonNode value = member.getValue();
            String name = member.getKey();
            if (VIDEO_STATS_NUMBERS.contains(name) && !value.isNumber() && !value.isNull()) {
                throw wrongType(type, name, "a number or null", value);
            }
            if (VIDEO_STATS_STRINGS.contains(name) && !value.isTextual() && !value.isNull()) {
                throw wrongType(type, name, "a string or null", value);
            }
        }
        return new VideoStats(fields);
    }

    // ------------------------------------------------------------------------------------------------ encode

    static byte[] encode(ControlMessage message) {
        if (message == null) {
            throw new MessageEncodingException("control message: null message");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            if (message instanceof Unknown unknown) {
                g.writeTree(unknown.raw());
            } else {
                g.writeStartObject();
                g.writeStringField("type", message.type());
                writeMembers(g, message);
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new MessageEncodingException(message.type() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void writeMembers(JsonGenerator g, ControlMessage message) throws IOException {
        if (message instanceof Ping m) {
            number(g, m, "client_ts", m.clientTs());
        } else if (message instanceof Pong m) {
            number(g, m, "client_ts", m.clientTs());
            number(g, m, "robot_ts", m.robotTs());
        } else if (message instanceof ClockReport m) {
            number(g, m, "rtt_ms", m.rttMs());
            number(g, m, "offset_ms", m.offsetMs());
        } else if (message instanceof CmdAck m) {
            tree(g, "nonce", m.nonce());
            g.writeBooleanField("ok", m.ok());
        } else if (message instanceof Estop m) {
            tree(g, "nonce", m.nonce());
        } else if (message instanceof EstopClear m) {
            tree(g, "nonce", m.nonce());
        } else if (message instanceof SportCmd m) {
            g.writeStringField("name", m.name());
            tree(g, "nonce", m.nonce());
        } else if (message instanceof NavGoal m) {
            number(g, m, "x", m.x());
            number(g, m, "y", m.y());
            tree(g, "nonce", m.nonce());
        } else if (message instanceof NavCancel m) {
            tree(g, "nonce", m.nonce());
        } else if (message instanceof Odom m) {
            number(g, m, "x", m.x());
            number(g, m, "y", m.y());
            number(g, m, "yaw", m.yaw());
            number(g, m, "ts", m.ts());
        } else if (message instanceof RobotTelemetry m) {
            tree(g, "cmd", m.cmd().<JsonNode>map(CmdStats::fields).orElse(NullNode.getInstance()));
            if (m.soc().isPresent()) {
                number(g, m, "soc", m.soc().getAsDouble());
            } else {
                g.writeNullField("soc");
            }
            tree(g, "state", m.state());
            number(g, m, "robot_ts", m.robotTs());
        } else if (message instanceof VideoStats m) {
            for (Map.Entry<String, JsonNode> member : m.fields().properties()) {
                tree(g, member.getKey(), member.getValue());
            }
        } else if (!(message instanceof OperatorLost)) {
            throw new MessageEncodingException("control message: unsupported kind " + message.getClass());
        }
    }

    private static void tree(JsonGenerator g, String name, JsonNode value) throws IOException {
        g.writeFieldName(name);
        g.writeTree(value);
    }

    private static void number(JsonGenerator g, ControlMessage m, String name, double value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(formatDouble(m.type(), name, value));
    }

    /**
     * Plain decimal notation for the ranges JavaScript also writes plainly (1e-6 to 1e21), so a timestamp reads
     * {@code 1712345678.123} rather than {@code 1.712345678123E9}; exponent notation outside it.
     */
    static String formatDouble(String type, String name, double value) {
        if (!Double.isFinite(value)) {
            throw new MessageEncodingException(type + ": \"" + name + "\" is " + value + ", not representable in JSON");
        }
        double abs = Math.abs(value);
        if (abs >= 1e-6 && abs < 1e21) {
            return BigDecimal.valueOf(value).toPlainString();
        }
        return Double.toString(value);
    }
}
