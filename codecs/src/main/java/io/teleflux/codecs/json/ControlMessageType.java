package io.teleflux.codecs.json;

import io.teleflux.MessageDecodingException;
import io.teleflux.MessageType;

/**
 * A {@link MessageType} for all control messages ({@code wireType == null}), for one modelled kind, or for the
 * kinds nobody modelled ({@link ControlMessage.Unknown}).
 */
final class ControlMessageType<T extends ControlMessage> implements MessageType<T> {

    private final Class<T> javaType;
    private final String wireType;
    private final String name;

    ControlMessageType(Class<T> javaType, String wireType) {
        this.javaType = javaType;
        this.wireType = wireType;
        this.name = wireType == null ? "teleflux.control"
                : "teleflux.control." + (javaType == ControlMessage.Unknown.class ? "unknown" : wireType);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<T> javaType() {
        return javaType;
    }

    @Override
    public boolean matches(byte[] payload) {
        if (javaType == ControlMessage.class) {
            return ControlMessageCodec.looksLikeObject(payload);
        }
        String type = ControlMessageCodec.sniffType(payload);
        if (javaType == ControlMessage.Unknown.class) {
            return type != null && !ControlMessageCodec.isKnownType(type);
        }
        return wireType.equals(type);
    }

    @Override
    public T decode(byte[] payload) {
        ControlMessage message = ControlMessageCodec.decode(payload);
        if (!javaType.isInstance(message)) {
            throw new MessageDecodingException(name + ": got a \"" + message.type() + "\" message");
        }
        return javaType.cast(message);
    }

    @Override
    public byte[] encode(T message) {
        return ControlMessageCodec.encode(message);
    }

    @Override
    public String toString() {
        return name;
    }
}
