package io.teleflux.broker.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teleflux.webrtc.IceServer;
import java.util.List;

/**
 * Request bodies in, response bodies out. Reading is strict where it matters: a body that is not a JSON object, or a
 * field of the wrong type, is a 422 with a {@code detail} naming the field; unknown fields are ignored (as pydantic
 * does in the hosted broker).
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Parses a body that must be a JSON object; an empty body is {@code {}} when {@code emptyIsObject}. */
    static JsonNode parseObject(String body, boolean emptyIsObject) {
        if (body == null || body.isBlank()) {
            if (emptyIsObject) {
                return object();
            }
            throw ApiException.unprocessable("Request body is required (a JSON object)");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.unprocessable("Malformed JSON body: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.unprocessable("Request body must be a JSON object");
        }
        return node;
    }

    /** A string field, or {@code fallback} when absent or null; 422 when of another type. */
    static String optionalString(JsonNode body, String field, String fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw ApiException.unprocessable("Field '" + field + "' must be a string");
        }
        return v.asText();
    }

    /** A non-blank string field; 422 when missing, null, blank or of another type. */
    static String requiredString(JsonNode body, String field) {
        String v = optionalString(body, field, null);
        if (v == null || v.isBlank()) {
            throw ApiException.unprocessable("Field '" + field + "' is required");
        }
        return v;
    }

    /** A number field, or null when absent or null; 422 when of another type or not finite. */
    static Double optionalNumber(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw ApiException.unprocessable("Field '" + field + "' must be a finite number");
        }
        return v.asDouble();
    }

    /** ICE servers as the hosted broker hands them out: {@code [{urls, username?, credential?}]}. */
    static ArrayNode iceServers(List<IceServer> servers) {
        ArrayNode list = array();
        for (IceServer s : servers) {
            ObjectNode o = list.addObject();
            if (s.urls().size() == 1) {
                o.put("urls", s.urls().get(0));
            } else {
                ArrayNode urls = o.putArray("urls");
                s.urls().forEach(urls::add);
            }
            if (!s.username().isEmpty()) {
                o.put("username", s.username());
                o.put("credential", s.credential());
            }
        }
        return list;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree did not serialize", e);
        }
    }
}
