package io.teleflux.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Answers the operator's clock-sync pings the way the hosted-teleop robot does, inline and without a module hop: a
 * payload that starts with {@code '{'}, parses as JSON, has {@code "type":"ping"} and a {@code client_ts} gets
 * {@code {"type":"pong","client_ts":<echoed as sent>,"robot_ts":<robot clock, Unix seconds>}}. Anything else (LCM
 * binary, malformed JSON, other types) gets no answer. Stateless and thread-safe.
 */
final class PingResponder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PingResponder() {
    }

    /** The pong for {@code payload}, or empty if it is not a ping. Never throws. */
    static Optional<byte[]> answer(byte[] payload, double robotNowSeconds) {
        if (payload.length == 0 || payload[0] != '{') {
            return Optional.empty();
        }
        JsonNode msg;
        try {
            msg = JSON.readTree(payload);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (msg == null || !msg.isObject() || !"ping".equals(msg.path("type").asText(null))) {
            return Optional.empty();
        }
        JsonNode clientTs = msg.get("client_ts");
        if (clientTs == null || clientTs.isNull() || !Double.isFinite(robotNowSeconds)) {
            return Optional.empty();
        }
        ObjectNode pong = JSON.createObjectNode();
        pong.put("type", "pong");
        pong.set("client_ts", clientTs);
        pong.put("robot_ts", robotNowSeconds);
        try {
            return Optional.of(JSON.writeValueAsString(pong).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The synthetic message injected into {@code state_reliable} when the operator is gone (byte-exact, with the space). */
    static byte[] operatorLost() {
        return "{\"type\": \"operator_lost\"}".getBytes(StandardCharsets.UTF_8);
    }
}
