package io.teleflux.codecs.video;

import io.teleflux.MessageDecodingException;
import java.nio.ByteBuffer;

/**
 * teleflux's LCM fragment of a message too large for its channel:
 * <pre>
 * struct teleflux_msgs.VideoFragment {
 *     int64_t message_seq;   // the sender's message counter; all fragments of one message share it
 *     int32_t total_length;  // bytes of the whole message (an lcm-encoded foxglove_msgs.CompressedVideo)
 *     int32_t offset;        // where this fragment's bytes start in the message
 *     int32_t data_length;
 *     byte    data[data_length];
 * }
 * </pre>
 * Big-endian, preceded by its 8-byte fingerprint like every LCM message; {@value #HEADER_SIZE} bytes before the data.
 */
record VideoFragment(long messageSeq, int totalLength, int offset, byte[] data) {

    static final long FINGERPRINT = new LcmPrimitiveFingerprint()
            .scalar("int64_t", "message_seq")
            .scalar("int32_t", "total_length")
            .scalar("int32_t", "offset")
            .scalar("int32_t", "data_length")
            .variableArray("byte", "data", "data_length")
            .fingerprint();

    /** Fingerprint and fixed fields: 8 + 8 + 4 + 4 + 4 bytes. */
    static final int HEADER_SIZE = 28;

    static boolean matches(byte[] payload) {
        return payload.length >= 8 && ByteBuffer.wrap(payload).getLong(0) == FINGERPRINT;
    }

    byte[] encode() {
        return ByteBuffer.allocate(HEADER_SIZE + data.length).putLong(FINGERPRINT).putLong(messageSeq)
                .putInt(totalLength).putInt(offset).putInt(data.length).put(data).array();
    }

    /** @throws MessageDecodingException if the payload is not a well-formed fragment */
    static VideoFragment decode(byte[] payload) {
        if (!matches(payload) || payload.length < HEADER_SIZE) {
            throw new MessageDecodingException("teleflux_msgs.VideoFragment: not a fragment (" + payload.length
                    + " bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        long seq = b.getLong(8);
        int total = b.getInt(16);
        int offset = b.getInt(20);
        int length = b.getInt(24);
        if (length != payload.length - HEADER_SIZE || total < 1 || offset < 0 || length < 1
                || (long) offset + length > total) {
            throw new MessageDecodingException("teleflux_msgs.VideoFragment: inconsistent lengths (total " + total
                    + ", offset " + offset + ", data_length " + length + ", " + payload.length + " bytes)");
        }
        byte[] data = new byte[length];
        b.get(HEADER_SIZE, data);
        return new VideoFragment(seq, total, offset, data);
    }
}
