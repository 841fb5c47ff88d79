package io.teleflux.codecs.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.teleflux.MessageType;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The wire types of the JSON control plane.
 *
 * <p>{@link #TYPE} covers every {@link ControlMessage}: it matches any payload whose first non-whitespace byte is
 * <code>'{'</code> (so LCM payloads sharing a channel never match) and decodes the {@code "type"} member into the right
 * record, or into {@link ControlMessage.Unknown} for a kind it does not model. Decoding raises
 * {@link io.teleflux.MessageDecodingException} for bytes that are not UTF-8, malformed JSON, trailing content after
 * the object, duplicate member names, nesting deeper than 64, a root that is not an object, a missing or non-string
 * {@code "type"}, a missing required member, or a member of the wrong JSON type. Encoding writes compact UTF-8 JSON,
 * {@code "type"} first, members in the documented order.
 *
 * <p>{@link #of(Class)} gives a type per kind, for a subscriber that wants only pongs, say; its {@code matches}
 * reads the {@code "type"} member with a streaming parser that stops there.
 */
public final class ControlMessages {

    /** All control messages. */
    public static final MessageType<ControlMessage> TYPE = new ControlMessageType<>(ControlMessage.class, null);

    private static final Map<Class<?>, MessageType<?>> BY_KIND = byKind();

    private ControlMessages() {
    }

    private static Map<Class<?>, MessageType<?>> byKind() {
        Map<Class<?>, MessageType<?>> types = new HashMap<>();
        ControlMessageCodec.KINDS.forEach((wireType, kind) -> types.put(kind, create(kind, wireType)));
        types.put(ControlMessage.Unknown.class, create(ControlMessage.Unknown.class, ""));
        types.put(ControlMessage.class, TYPE);
        return Map.copyOf(types);
    }

    private static <T extends ControlMessage> MessageType<T> create(Class<T> kind, String wireType) {
        return new ControlMessageType<>(kind, wireType);
    }

    /**
     * The type of one kind, for example {@code of(ControlMessage.Pong.class)}; {@code of(ControlMessage.class)} is
     * {@link #TYPE}, and {@code of(ControlMessage.Unknown.class)} matches the kinds not modelled. Decoding a payload
     * of another kind raises {@link io.teleflux.MessageDecodingException}.
     *
     * @throws NullPointerException if {@code kind} is null
     */
    @SuppressWarnings("unchecked") // BY_KIND maps each class to a MessageType of that class
    public static <T extends ControlMessage> MessageType<T> of(Class<T> kind) {
        return (MessageType<T>) BY_KIND.get(Objects.requireNonNull(kind, "kind"));
    }

    /**
     * A numeric nonce, as the VR client sends ({@code ++nonce}). Built as the decoder would build it (an int node
     * when it fits), so it equals the nonce of a decoded message.
     */
    public static JsonNode nonce(long value) {
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    /**
     * A string nonce.
     *
     * @throws NullPointerException if {@code value} is null
     */
    public static JsonNode nonce(String value) {
        return TextNode.valueOf(Objects.requireNonNull(value, "value"));
    }
}
