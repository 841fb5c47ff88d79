package io.teleflux.codecs.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One JSON message of the control plane ({@code state_reliable} operator to robot, {@code state_reliable_back} and
 * {@code map_unreliable} robot to operator). Each is one JSON object whose {@code "type"} member names the kind;
 * member names are snake_case on the wire. Encode and decode with {@link ControlMessages#TYPE}.
 *
 * <p><b>Nonces.</b> Commands carry a {@code nonce} that the robot echoes in its {@link CmdAck}. Clients send numbers
 * ({@code ++nonce}) or strings, so a nonce is kept as the JSON scalar it arrived as and echoed unchanged. An absent
 * nonce is {@link NullNode} (written as {@code "nonce":null}, as DimOS does); passing {@code null} to a constructor
 * means the same. Build one with {@link ControlMessages#nonce(long)} or {@link ControlMessages#nonce(String)}.
 *
 * <p><b>Numbers.</b> Timestamps are Unix seconds as doubles ({@code client_ts}, {@code robot_ts}, {@code ts}).
 * Encoding a non-finite double raises {@link io.teleflux.MessageEncodingException} (a browser's {@code JSON.parse}
 * would reject the whole message); decoding accepts Python's {@code NaN}/{@code Infinity} tokens.
 *
 * <p><b>Unlisted members</b> of a known kind are ignored on decode (forward compatible), except where a record keeps
 * a whole object ({@link VideoStats}, {@link RobotTelemetry#state()}). Kinds this interface does not model
 * ({@code set_mode}, {@code light}, {@code camera_select}, {@code map}, ...) decode to {@link Unknown}, which keeps the
 * whole object and encodes it back unchanged.
 *
 * <p><b>JSON trees are copied.</b> Records holding a {@link JsonNode} copy it on construction and on access, so they
 * stay immutable; these messages are a few per second, not a hot path.
 */
public sealed interface ControlMessage {

    /** The wire discriminator, the value of the {@code "type"} member, for example {@code "ping"}. */
    String type();

    /**
     * {@code {"type":"ping","client_ts":…}}: clock-sync probe from the operator; the robot answers with a
     * {@link Pong} on {@code state_reliable_back}.
     *
     * @param clientTs the operator's send time, Unix seconds
     */
    record Ping(double clientTs) implements ControlMessage {
        @Override
        public String type() {
            return "ping";
        }
    }

    /**
     * {@code {"type":"pong","client_ts":…,"robot_ts":…}}: the robot's answer to a {@link Ping}.
     *
     * @param clientTs the ping's {@code client_ts}, echoed
     * @param robotTs  the robot's clock when answering, Unix seconds
     */
    record Pong(double clientTs, double robotTs) implements ControlMessage {
        /** The answer to {@code ping}, stamped {@code robotTs}. */
        public static Pong reply(Ping ping, double robotTs) {
            return new Pong(ping.clientTs(), robotTs);
        }

        @Override
        public String type() {
            return "pong";
        }
    }

    /**
     * {@code {"type":"clock_report","rtt_ms":…,"offset_ms":…}}: the operator's clock-sync result, for logs.
     *
     * @param rttMs    round-trip time of the best sample, ms
     * @param offsetMs robot clock minus operator clock, ms
     */
    record ClockReport(double rttMs, double offsetMs) implements ControlMessage {
        @Override
        public String type() {
            return "clock_report";
        }
    }

    /**
     * {@code {"type":"cmd_ack","nonce":…,"ok":…}}: the robot's result for a command; a duplicate nonce is re-acked.
     *
     * @param nonce the command's nonce, echoed; {@code null} means none
     * @param ok    whether the command was carried out
     */
    record CmdAck(JsonNode nonce, boolean ok) implements ControlMessage {
        /**
         * @throws IllegalArgumentException if {@code nonce} is an object or array
         */
        public CmdAck {
            nonce = JsonFields.nonce(nonce);
        }

        @Override
        public String type() {
            return "cmd_ack";
        }
    }

    /**
     * {@code {"type":"estop","nonce":…}}: latch the emergency stop. The Go2 client also sends
     * {@code sport_cmd Damp}.
     *
     * @param nonce {@code null} means none
     */
    record Estop(JsonNode nonce) implements ControlMessage {
        /**
         * @throws IllegalArgumentException if {@code nonce} is an object or array
         */
        public Estop {
            nonce = JsonFields.nonce(nonce);
        }

        @Override
        public String type() {
            return "estop";
        }
    }

    /**
     * {@code {"type":"estop_clear","nonce":…}}: release the emergency-stop latch; does not move the robot.
     *
     * @param nonce {@code null} means none
     */
    record EstopClear(JsonNode nonce) implements ControlMessage {
        /**
         * @throws IllegalArgumentException if {@code nonce} is an object or array
         */
        public EstopClear {
            nonce = JsonFields.nonce(nonce);
        }

        @Override
        public String type() {
            return "estop_clear";
        }
    }

    /**
     * {@code {"type":"sport_cmd","name":…,"nonce":…}}: a named robot action ({@code "StandReady"}, {@code "Sit"},
     * {@code "Damp"}, ...); the robot checks it against its allow-list.
     *
     * @param name  not null
     * @param nonce {@code null} means none
     */
    record SportCmd(String name, JsonNode nonce) implements ControlMessage {
        /**
         * @throws NullPointerException     if {@code name} is null
         * @throws IllegalArgumentException if {@code nonce} is an object or array
         */
        public SportCmd {
            Objects.requireNonNull(name, "name");
            nonce = JsonFields.nonce(nonce);
        }

        @Override
        public String type() {
            return "sport_cmd";
        }
    }

    /**
     * {@code {"type":"nav_goal","x":…,"y":…,"nonce":…}}: navigate to a map point (the robot rejects
     * {@code |x|} or {@code |y|} over its limit, 100 m by default).
     *
     * @param x     metres, map frame
     * @param y     metres, map frame
     * @param nonce {@code null} means none
     */
    record NavGoal(double x, double y, JsonNode nonce) implements ControlMessage {
        /**
         * @throws IllegalArgumentException if {@code nonce} is an object or array
         */
        public NavGoal {
            nonce = JsonFields.nonce(nonce);
        }

        @Override
        public String type() {
            return "nav_goal";
        }
    }

    /**
     * {@code {"type":"nav_cancel","nonce":…}}: cancel the active navigation plan.
     *
     * @param nonce {@code null} means none
     */
    record NavCancel(JsonNode nonce) implements ControlMessage {
        /**
         * @throws IllegalArgumentException if {@code nonce} is an object or array
         */
        public NavCancel {
            nonce = JsonFields.nonce(nonce);
        }

        @Override
        public String type() {
            return "nav_cancel";
        }
    }

    /**
     * {@code {"type":"operator_lost"}}: synthetic, injected by a provider into {@code state_reliable} when the
     * operator's link is gone; the robot stops moving.
     */
    record OperatorLost() implements ControlMessage {
        /** The only value worth having. */
        public static final OperatorLost INSTANCE = new OperatorLost();

        @Override
        public String type() {
            return "operator_lost";
        }
    }

    /**
     * {@code {"type":"odom","x":…,"y":…,"yaw":…,"ts":…}}: robot pose on {@code map_unreliable} (15 Hz).
     *
     * @param x   metres, map frame
     * @param y   metres, map frame
     * @param yaw radians
     * @param ts  Unix seconds
     */
    record Odom(double x, double y, double yaw, double ts) implements ControlMessage {
        @Override
        public String type() {
            return "odom";
        }
    }

    /**
     * {@code {"type":"robot_telemetry","cmd":{…}|null,"soc":…|null,"state":{…},"robot_ts":…}}: periodic robot
     * status on {@code state_reliable_back} (3 Hz). {@code state} is kept whole because its members depend on the
     * robot (Go2: {@code posture, rage, obstacle_avoidance, light, estopped}).
     *
     * @param cmd     command-link statistics; empty until the robot has two samples (wire {@code null})
     * @param soc     battery state of charge; empty when unknown (wire {@code null})
     * @param state   robot-reported UI state; not null (an absent or null state decodes as {@code {}}); copied
     * @param robotTs the robot's clock, Unix seconds
     */
    record RobotTelemetry(Optional<CmdStats> cmd, OptionalDouble soc, ObjectNode state, double robotTs)
            implements ControlMessage {

        /**
         * @throws NullPointerException if a component is null
         */
        public RobotTelemetry {
            Objects.requireNonNull(cmd, "cmd");
            Objects.requireNonNull(soc, "soc");
            state = Objects.requireNonNull(state, "state").deepCopy();
        }

        /** A copy of the state object. */
        @Override
        public ObjectNode state() {
            return state.deepCopy();
        }

        /** Whether {@code state.estopped} is {@code true}; false when absent. */
        public boolean estopped() {
            return state.path("estopped").asBoolean(false);
        }

        /** {@code state.posture}, when present as a string. */
        public Optional<String> posture() {
            JsonNode posture = state.get("posture");
            return posture != null && posture.isTextual() ? Optional.of(posture.textValue()) : Optional.empty();
        }

        @Override
        public String type() {
            return "robot_telemetry";
        }

        /**
         * The {@code cmd} object of {@link RobotTelemetry}: rolling statistics of the command link. Members are
         * nullable numbers and vary between robot versions, so the whole object is kept; the accessors read the
         * documented ones.
         *
         * @param fields the object as received; not null; copied
         */
        public record CmdStats(ObjectNode fields) {

            /**
             * @throws NullPointerException if {@code fields} is null
             */
            public CmdStats {
                fields = Objects.requireNonNull(fields, "fields").deepCopy();
            }

            /** Statistics with the four documented members; a NaN argument is written as {@code null}. */
            public static CmdStats of(double latencyMs, double jitterMs, double rateHz, double throughputBps) {
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                putNullable(o, "latency_ms", latencyMs);
                putNullable(o, "jitter_ms", jitterMs);
                putNullable(o, "rate_hz", rateHz);
                putNullable(o, "throughput_bps", throughputBps);
                return new CmdStats(o);
            }

            private static void putNullable(ObjectNode o, String name, double value) {
                if (Double.isNaN(value)) {
                    o.putNull(name);
                } else {
                    o.put(name, value);
                }
            }

            /** A copy of the object. */
            @Override
            public ObjectNode fields() {
                return fields.deepCopy();
            }

            /** {@code latency_ms}: median end-to-end command latency. */
            public OptionalDouble latencyMs() {
                return JsonFields.number(fields, "latency_ms");
            }

            /** {@code jitter_ms}: median inter-arrival jitter. */
            public OptionalDouble jitterMs() {
                return JsonFields.number(fields, "jitter_ms");
            }

            /** {@code rate_hz}: arrival rate. */
            public OptionalDouble rateHz() {
                return JsonFields.number(fields, "rate_hz");
            }

            /** {@code throughput_bps}: command bytes per second. */
            public OptionalDouble throughputBps() {
                return JsonFields.number(fields, "throughput_bps");
            }
        }
    }

    /**
     * {@code {"type":"video_stats", fps, kbps, width, height, loss_pct, jitter_ms, frames_dropped, freezes,
     * jitter_buffer_ms, decode_ms, e2e_latency_ms, codec, decoder}}: the operator's receive-side video statistics,
     * once a second. All members are kept (without {@code "type"}). Decoding checks the documented members: the
     * numeric ones must be numbers or {@code null}, {@code codec} and {@code decoder} strings or {@code null}.
     *
     * @param fields the members other than {@code type}; not null; copied
     */
    record VideoStats(ObjectNode fields) implements ControlMessage {

        /**
         * @throws NullPointerException     if {@code fields} is null
         * @throws IllegalArgumentException if {@code fields} has a {@code "type"} member
         */
        public VideoStats {
            fields = Objects.requireNonNull(fields, "fields").deepCopy();
            if (fields.has("type")) {
                throw new IllegalArgumentException("fields must not hold \"type\"");
            }
        }

        /** A copy of the members. */
        @Override
        public ObjectNode fields() {
            return fields.deepCopy();
        }

        /** Any numeric member by its wire name; empty when absent, null or not a number. */
        public OptionalDouble number(String wireName) {
            return JsonFields.number(fields, wireName);
        }

        /** {@code fps}: decoded frames per second. */
        public OptionalDouble fps() {
            return number("fps");
        }

        /** {@code kbps}: received video bitrate. */
        public OptionalDouble kbps() {
            return number("kbps");
        }

        /** {@code loss_pct}: packet loss, percent. */
        public OptionalDouble lossPct() {
            return number("loss_pct");
        }

        /** {@code e2e_latency_ms}: camera-to-screen latency, when the stream carries a latency stamp. */
        public OptionalDouble e2eLatencyMs() {
            return number("e2e_latency_ms");
        }

        /** {@code codec}, for example {@code "video/H264"}. */
        public Optional<String> codec() {
            JsonNode codec = fields.get("codec");
            return codec != null && codec.isTextual() ? Optional.of(codec.textValue()) : Optional.empty();
        }

        @Override
        public String type() {
            return "video_stats";
        }
    }

    /**
     * Any object whose {@code "type"} is not one of the kinds above, kept whole and encoded back unchanged.
     *
     * @param type the {@code "type"} member
     * @param raw  the whole object, {@code "type"} included; copied
     */
    record Unknown(String type, JsonNode raw) implements ControlMessage {

        /**
         * @throws NullPointerException     if a component is null
         * @throws IllegalArgumentException if {@code raw} is not an object whose {@code "type"} is {@code type}, or
         *                                  if {@code type} is a kind modelled above
         */
        public Unknown {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(raw, "raw");
            if (!raw.isObject() || !type.equals(raw.path("type").textValue())) {
                throw new IllegalArgumentException("raw must be an object with \"type\":\"" + type + "\"");
            }
            if (ControlMessageCodec.isKnownType(type)) {
                throw new IllegalArgumentException("\"" + type + "\" is a known kind; use its record");
            }
            raw = raw.deepCopy();
        }

        /** A copy of the whole object. */
        @Override
        public JsonNode raw() {
            return raw.deepCopy();
        }
    }
}
