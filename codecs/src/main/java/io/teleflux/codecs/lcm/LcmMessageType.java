package io.teleflux.codecs.lcm;

import io.teleflux.MessageDecodingException;
import io.teleflux.MessageEncodingException;
import io.teleflux.MessageType;
import java.util.Objects;

/**
 * A {@link MessageType} for one top-level LCM struct: 8-byte big-endian fingerprint, then the body, nothing after.
 * The body codec is three small functions supplied by the message record; nested structs call each other's body
 * functions directly and carry no fingerprint.
 */
final class LcmMessageType<T> implements MessageType<T> {

    /** The exact encoded size of a message body (without the fingerprint). */
    @FunctionalInterface
    interface BodySize<T> {
        long of(T message);
    }

    /** Writes a message body. */
    @FunctionalInterface
    interface BodyWriter<T> {
        void write(LcmWriter out, T message);
    }

    /** Reads a message body. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(LcmReader in);
    }

    private final LcmStruct struct;
    private final String name;
    private final long fingerprint;
    private final Class<T> javaType;
    private final BodySize<T> size;
    private final BodyWriter<T> writer;
    private final BodyReader<T> reader;

    LcmMessageType(LcmStruct struct, Class<T> javaType, BodySize<T> size, BodyWriter<T> writer,
                   BodyReader<T> reader) {
        this.struct = Objects.requireNonNull(struct, "struct");
        this.name = struct.name();
        this.fingerprint = struct.fingerprint();
        this.javaType = Objects.requireNonNull(javaType, "javaType");
        this.size = Objects.requireNonNull(size, "size");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<T> javaType() {
        return javaType;
    }

    /** The wire fingerprint, computed from the struct definition. */
    long fingerprint() {
        return fingerprint;
    }

    LcmStruct struct() {
        return struct;
    }

    @Override
    public boolean matches(byte[] payload) {
        return payload != null && payload.length >= 8 && (long) LcmWriter.INT64.get(payload, 0) == fingerprint;
    }

    @Override
    public T decode(byte[] payload) {
        if (payload == null) {
            throw new MessageDecodingException(name + ": null payload");
        }
        if (payload.length < 8) {
            throw new MessageDecodingException(name + ": " + payload.length + " bytes, shorter than the fingerprint");
        }
        long actual = (long) LcmWriter.INT64.get(payload, 0);
        if (actual != fingerprint) {
            throw new MessageDecodingException(String.format("%s: fingerprint %016x, expected %016x",
                    name, actual, fingerprint));
        }
        LcmReader in = new LcmReader(name, payload, 8);
        T message = reader.read(in);
        in.end();
        return message;
    }

    @Override
    public byte[] encode(T message) {
        if (message == null) {
            throw new MessageEncodingException(name + ": null message");
        }
        long total = 8 + size.of(message);
        if (total > LcmWriter.MAX_MESSAGE_SIZE) {
            throw new MessageEncodingException(name + ": " + total + " bytes is over the largest possible array");
        }
        byte[] out = new byte[(int) total];
        LcmWriter w = new LcmWriter(out);
        w.int64(fingerprint);
        writer.write(w, message);
        if (w.position() != out.length) {
            throw new IllegalStateException(name + ": wrote " + w.position() + " of " + out.length + " bytes");
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format("%s(0x%016x)", name, fingerprint);
    }
}
