package io.teleflux.tck;

import io.teleflux.MessageDecodingException;
import io.teleflux.MessageType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A tiny message for the TCK: an 8-byte type prefix (like an LCM fingerprint), a sequence number and a text. Two
 * types ({@link #A}, {@link #B}) share channels to test demultiplexing.
 */
public record TckMessage(int seq, String text) {

    /** Type A, prefix {@code 0x0A0A0A0A0A0A0A0A}. */
    public static final MessageType<TckMessage> A = new Type("tck.A", 0x0A0A0A0A0A0A0A0AL);
    /** Type B, prefix {@code 0x0B0B0B0B0B0B0B0B}. */
    public static final MessageType<TckMessage> B = new Type("tck.B", 0x0B0B0B0B0B0B0B0BL);

    /** A payload with type A's prefix that does not decode (too short). */
    public static byte[] malformedA() {
        return ByteBuffer.allocate(10).putLong(0x0A0A0A0A0A0A0A0AL).array();
    }

    private record Type(String name, long prefix) implements MessageType<TckMessage> {
        @Override
        public Class<TckMessage> javaType() {
            return TckMessage.class;
        }

        @Override
        public boolean matches(byte[] payload) {
            return payload.length >= 8 && ByteBuffer.wrap(payload).getLong() == prefix;
        }

        @Override
        public TckMessage decode(byte[] payload) {
            if (payload.length < 12 || !matches(payload)) {
                throw new MessageDecodingException(name + ": need at least 12 bytes with the prefix");
            }
            ByteBuffer b = ByteBuffer.wrap(payload);
            b.getLong();
            int seq = b.getInt();
            return new TckMessage(seq, new String(payload, 12, payload.length - 12, StandardCharsets.UTF_8));
        }

        @Override
        public byte[] encode(TckMessage m) {
            byte[] text = m.text().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(12 + text.length).putLong(prefix).putInt(m.seq()).put(text).array();
        }
    }
}
