package io.teleflux.codecs.lcm;

import io.teleflux.MessageDecodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads LCM primitives, big-endian, from one payload. Every read checks the bytes that remain first, and every
 * variable-size read (arrays, strings) checks its length against them before allocating, so a hostile length field
 * costs an exception, never memory.
 */
final class LcmReader {

    /** Strings up to this many bytes are remembered, so a repeated {@code frame_id} is not decoded again. */
    private static final int CACHEABLE_STRING = 64;

    /**
     * Recently decoded short strings ({@code frame_id}, {@code encoding}, ...), direct-mapped by length and end bytes.
     * Shared by all threads without locking: entries are immutable, so a racy read sees a whole entry or none.
     */
    private static final CachedString[] STRINGS = new CachedString[32];

    private record CachedString(byte[] utf8, String value) {
    }

    private final String typeName;
    private final byte[] buf;
    private int pos;

    LcmReader(String typeName, byte[] buf, int pos) {
        this.typeName = typeName;
        this.buf = buf;
        this.pos = pos;
    }

    private int remaining() {
        return buf.length - pos;
    }

    private int take(int n, String what) {
        int p = pos;
        if (buf.length - p < n) {
            throw error("truncated: " + what + " needs " + n + " bytes, " + (buf.length - p) + " remain");
        }
        pos = p + n;
        return p;
    }

    int int32(String field) {
        return (int) LcmWriter.INT32.get(buf, take(4, field));
    }

    byte int8(String field) {
        return buf[take(1, field)];
    }

    double float64(String field) {
        return (double) LcmWriter.FLOAT64.get(buf, take(8, field));
    }

    /** Reads an int32 length field and rejects a negative value. */
    int length(String field) {
        int n = int32(field);
        if (n < 0) {
            throw error("negative " + field + ": " + n);
        }
        return n;
    }

    byte[] bytes(int n, String field) {
        int p = take(n, field);
        return Arrays.copyOfRange(buf, p, p + n);
    }

    float[] float32s(int n, String field) {
        checkArray(n, 4, field);
        float[] out = new float[n];
        int p = pos;
        for (int i = 0; i < n; i++, p += 4) {
            out[i] = (float) LcmWriter.FLOAT32.get(buf, p);
        }
        pos = p;
        return out;
    }

    int[] int32s(int n, String field) {
        checkArray(n, 4, field);
        int[] out = new int[n];
        int p = pos;
        for (int i = 0; i < n; i++, p += 4) {
            out[i] = (int) LcmWriter.INT32.get(buf, p);
        }
        pos = p;
        return out;
    }

    private void checkArray(int n, int elementSize, String field) {
        if ((long) n * elementSize > remaining()) {
            throw error("truncated: " + field + " needs " + n + " elements of " + elementSize + " bytes, "
                    + remaining() + " bytes remain");
        }
    }

    /** Reads {@code int32 (utf8 length + 1)}, strict UTF-8 bytes and the terminating NUL. */
    String string(String field) {
        int n = int32(field);
        if (n <= 0) {
            throw error(field + " length " + n + " cannot hold the terminating NUL");
        }
        int start = take(n, field);
        int len = n - 1;
        if (buf[start + len] != 0) {
            throw error(field + " does not end with NUL");
        }
        if (len > CACHEABLE_STRING) {
            return decodeUtf8(start, len, field);
        }
        int slot = len == 0 ? 0 : (len * 31 + buf[start] * 7 + buf[start + len - 1]) & (STRINGS.length - 1);
        CachedString cached = STRINGS[slot];
        if (cached != null && cached.utf8.length == len
                && Arrays.equals(buf, start, start + len, cached.utf8, 0, len)) {
            return cached.value;
        }
        String value = decodeUtf8(start, len, field);
        STRINGS[slot] = new CachedString(Arrays.copyOfRange(buf, start, start + len), value);
        return value;
    }

    private String decodeUtf8(int start, int len, String field) {
        int end = start + len;
        int i = start;
        while (i < end && buf[i] >= 0) {
            i++;
        }
        if (i == end) {
            return new String(buf, start, len, StandardCharsets.ISO_8859_1); // ASCII: identical, and a plain copy
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, start, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MessageDecodingException(typeName + ": " + field + " is not valid UTF-8", e);
        }
    }

    /** Fails unless the whole payload was consumed. */
    void end() {
        if (pos != buf.length) {
            throw error((buf.length - pos) + " trailing bytes after the struct");
        }
    }

    MessageDecodingException error(String message) {
        return new MessageDecodingException(typeName + ": " + message + " (offset " + pos + ")");
    }
}
