package io.teleflux.webrtc.peer;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The teleflux frame format, used on every data channel of a peer connection whose ends negotiated {@link Framing}
 * (never towards a plain peer). Each data channel message is one frame: a one-byte type, then a body.
 * <pre>
 * type  name    body
 * 0x00  WHOLE   the payload, unchanged
 * 0x01  BATCH   one or more entries, each: length (unsigned LEB128, 1-5 bytes), then that many payload bytes
 * 0x02  FIRST   total payload length (4 bytes, big-endian, unsigned, &gt; the chunk's length), then the first chunk
 * 0x03  MIDDLE  the next chunk
 * 0x04  LAST    the last chunk; the chunks of FIRST, MIDDLE* and LAST add up to the total exactly
 * </pre>
 * Every payload is delivered as exactly one payload: a WHOLE frame as one, a BATCH as one per entry in order, and a
 * FIRST, MIDDLE*, LAST sequence as one, reassembled. Because every message starts with the type byte, a payload's own
 * bytes are never mistaken for framing. Fragments are sent only on reliable ordered channels, consecutively (no
 * other frame of the same channel between them); a receiver discards a sequence that breaks these rules, or whose
 * total exceeds its channel's {@link io.teleflux.ChannelSpec#maxMessageSize()}, and counts it once.
 */
final class FrameFormat {

    static final byte WHOLE = 0x00;
    static final byte BATCH = 0x01;
    static final byte FIRST = 0x02;
    static final byte MIDDLE = 0x03;
    static final byte LAST = 0x04;

    /** Bytes before the payload in a WHOLE, MIDDLE or LAST frame. */
    static final int HEADER = 1;
    /** Bytes before the chunk in a FIRST frame: type and total length. */
    static final int FIRST_HEADER = 5;
    /** The longest LEB128 encoding of an {@code int} length. */
    static final int MAX_VARINT = 5;

    private FrameFormat() {
    }

    /** A WHOLE frame of {@code payload}: a new array, one byte longer. */
    static byte[] whole(byte[] payload) {
        return whole(payload, 0, payload.length);
    }

    /** A WHOLE frame of {@code length} bytes of {@code source} from {@code offset}. */
    static byte[] whole(byte[] source, int offset, int length) {
        byte[] frame = new byte[HEADER + length];
        frame[0] = WHOLE;
        System.arraycopy(source, offset, frame, HEADER, length);
        return frame;
    }

    /** The bytes {@link #putVarint} writes for {@code value} (non-negative). */
    static int varintSize(int value) {
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    /** Writes {@code value} (non-negative) as unsigned LEB128 at {@code pos}; returns the position after it. */
    static int putVarint(byte[] into, int pos, int value) {
        while ((value & ~0x7F) != 0) {
            into[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        into[pos++] = (byte) value;
        return pos;
    }

    /**
     * Reads an unsigned LEB128 length from {@code in}, or returns -1 (position unspecified) if it is truncated, longer
     * than {@link #MAX_VARINT} bytes, or above {@link Integer#MAX_VALUE}.
     */
    static int getVarint(ByteBuffer in) {
        long value = 0;
        for (int i = 0; i < MAX_VARINT; i++) {
            if (!in.hasRemaining()) {
                return -1;
            }
            int b = in.get() & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value > Integer.MAX_VALUE ? -1 : (int) value;
            }
        }
        return -1;
    }

    /**
     * The frames of {@code payload} split into a FIRST, MIDDLE* and LAST sequence of frames of at most
     * {@code frameSize} bytes each. Lazy: each frame is copied when asked for.
     */
    static Iterator<byte[]> fragments(byte[] payload, int frameSize) {
        if (frameSize <= FIRST_HEADER || payload.length <= frameSize - FIRST_HEADER) {
            throw new IllegalArgumentException("a payload of " + payload.length + " B is not fragmented into frames of "
                    + frameSize + " B");
        }
        return new Iterator<>() {
            private int offset;

            @Override
            public boolean hasNext() {
                return offset < payload.length;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                boolean first = offset == 0;
                int header = first ? FIRST_HEADER : HEADER;
                int chunk = Math.min(frameSize - header, payload.length - offset);
                boolean last = offset + chunk == payload.length;
                byte[] frame = new byte[header + chunk];
                if (first) {
                    frame[0] = FIRST;
                    ByteBuffer.wrap(frame, 1, 4).putInt(payload.length);
                } else {
                    frame[0] = last ? LAST : MIDDLE;
                }
                System.arraycopy(payload, offset, frame, header, chunk);
                offset += chunk;
                return frame;
            }
        };
    }
}
