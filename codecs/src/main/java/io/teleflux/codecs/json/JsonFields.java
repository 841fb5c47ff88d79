package io.teleflux.codecs.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.OptionalDouble;

/** Small checks and reads shared by the control-message records. */
final class JsonFields {

    private JsonFields() {
    }

    /** Normalises a nonce: null becomes {@link NullNode}; objects and arrays are refused. */
    static JsonNode nonce(JsonNode nonce) {
        if (nonce == null || nonce.isMissingNode()) {
            return NullNode.getInstance();
        }
        if (!nonce.isValueNode()) {
            throw new IllegalArgumentException("a nonce must be a JSON scalar, not " + nonce.getNodeType());
        }
        return nonce;
    }

    /** A numeric member; empty when absent, null or not a number. */
    static OptionalDouble number(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value != null && value.isNumber() ? OptionalDouble.of(value.doubleValue()) : OptionalDouble.empty();
    }
}
