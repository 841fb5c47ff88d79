package io.teleflux.codecs.lcm;

import io.teleflux.MessageEncodingException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Writes LCM primitives, big-endian, into one pre-sized array. The caller computes the exact size first (see the
 * {@code *Size} helpers), so there is no growth and no bounds bookkeeping beyond the array's own.
 */
final class LcmWriter {

    static final VarHandle INT64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle FLOAT64 = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle FLOAT32 = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.BIG_ENDIAN);

    /** The largest array the JVM reliably allocates. */
    static final long MAX_MESSAGE_SIZE = Integer.MAX_VALUE - 8;

    private final byte[] buf;
    private int pos;

    LcmWriter(byte[] buf) {
        this.buf = buf;
    }

    int position() {
        return pos;
    }

    void int64(long v) {
        INT64.set(buf, pos, v);
        pos += 8;
    }

    void int32(int v) {
        INT32.set(buf, pos, v);
        pos += 4;
    }

    void int8(byte v) {
        buf[pos++] = v;
    }

    void float64(double v) {
        FLOAT64.set(buf, pos, v);
        pos += 8;
    }

    void bytes(byte[] v) {
        System.arraycopy(v, 0, buf, pos, v.length);
        pos += v.length;
    }

    void float32s(float[] v) {
        for (float f : v) {
            FLOAT32.set(buf, pos, f);
            pos += 4;
        }
    }

    void int32s(int[] v) {
        for (int i : v) {
            INT32.set(buf, pos, i);
            pos += 4;
        }
    }

    /**
     * Writes {@code int32 (utf8 length + 1)}, the UTF-8 bytes and a NUL. The string must have been measured with
     * {@link #stringSize(String, String)}, which rejects what cannot be encoded.
     */
    void string(String s) {
        int start = pos;
        int p = start + 4;
        byte[] b = buf;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[p++] = 0;
        INT32.set(b, start, p - start - 4);
        pos = p;
    }

    /**
     * The encoded size of a string field: 4 (length) + UTF-8 bytes + 1 (NUL).
     *
     * @throws MessageEncodingException if {@code s} is null, holds an unpaired surrogate, or is too long
     */
    static long stringSize(String s, String field) {
        if (s == null) {
            throw new MessageEncodingException(field + " is null");
        }
        long utf8 = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                utf8 += 1;
            } else if (c < 0x800) {
                utf8 += 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    utf8 += 4;
                    i++;
                } else {
                    throw new MessageEncodingException(field + " holds an unpaired surrogate at index " + i);
                }
            } else {
                utf8 += 3;
            }
        }
        if (utf8 + 1 > Integer.MAX_VALUE) {
            throw new MessageEncodingException(field + " is " + utf8 + " UTF-8 bytes, over the int32 length limit");
        }
        return 4 + utf8 + 1;
    }
}
