package io.teleflux.codecs.video;

import java.nio.charset.StandardCharsets;

/**
 * The lcm-gen fingerprint of a struct whose members are all primitives (scalars or one-dimensional variable-length
 * arrays): {@code base = 0x12345678}, then per member its name, its type, its number of dimensions and per dimension
 * the mode (1 = variable) and size-field name, hashed with {@code v = ((v << 8) ^ (v >> 55)) + c}; the fingerprint is
 * {@code base} rotated left by one bit. (teleflux-codecs has the general algorithm; it is package-private there.)
 */
final class LcmPrimitiveFingerprint {

    private long v = 0x12345678L;

    /** A scalar member, e.g. {@code ("int32_t", "offset")}. */
    LcmPrimitiveFingerprint scalar(String type, String name) {
        string(name);
        string(type);
        update(0);
        return this;
    }

    /** A one-dimensional array whose length is the member {@code lengthField}. */
    LcmPrimitiveFingerprint variableArray(String type, String name, String lengthField) {
        string(name);
        string(type);
        update(1);
        update(1);
        string(lengthField);
        return this;
    }

    long fingerprint() {
        return (v << 1) + (v >>> 63);
    }

    private void string(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        update(bytes.length);
        for (byte b : bytes) {
            update(b);
        }
    }

    private void update(int c) {
        v = ((v << 8) ^ (v >> 55)) + (byte) c;
    }
}
