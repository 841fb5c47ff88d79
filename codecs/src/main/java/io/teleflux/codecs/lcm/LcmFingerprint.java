package io.teleflux.codecs.lcm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The lcm-gen fingerprint algorithm, applied to an {@link LcmStruct} definition.
 *
 * <pre>
 * hash_update(v, c) : v = ((v &lt;&lt; 8) ^ (v &gt;&gt; 55)) + c          signed 64-bit, arithmetic shift, c a signed char
 * hash_string(v, s) : v = hash_update(v, len(s)); then hash_update(v, ch) for each byte of s
 * base(T)           : v = 0x12345678; per member in order: hash_string(name); hash_string(type) if primitive;
 *                     hash_update(ndims); per dim: hash_update(mode 0 const / 1 var), hash_string(size)
 * fingerprint(T)    : 0 if T is already on the path; else rotl1(base(T) + sum of fingerprint(child) per struct member)
 * </pre>
 * The struct's own name is not hashed.
 */
final class LcmFingerprint {

    private static final long INITIAL = 0x12345678L;

    private LcmFingerprint() {
    }

    static long base(LcmStruct type) {
        long v = INITIAL;
        for (LcmStruct.Member member : type.members()) {
            v = hashString(v, member.name());
            if (member.primitive()) {
                v = hashString(v, member.typeName());
            }
            v = hashUpdate(v, member.dims().size());
            for (LcmStruct.Dim dim : member.dims()) {
                v = hashUpdate(v, dim.variable() ? 1 : 0);
                v = hashString(v, dim.size());
            }
        }
        return v;
    }

    static long fingerprint(LcmStruct type) {
        return fingerprint(type, new ArrayList<>());
    }

    private static long fingerprint(LcmStruct type, List<LcmStruct> parents) {
        if (parents.contains(type)) {
            return 0;
        }
        parents.add(type);
        long h = type.base();
        for (LcmStruct.Member member : type.members()) {
            if (!member.primitive()) {
                h += fingerprint(member.struct(), parents);
            }
        }
        parents.remove(parents.size() - 1);
        return Long.rotateLeft(h, 1);
    }

    static long hashUpdate(long v, int c) {
        return ((v << 8) ^ (v >> 55)) + (byte) c;
    }

    static long hashString(long v, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        v = hashUpdate(v, bytes.length);
        for (byte b : bytes) {
            v = hashUpdate(v, b);
        }
        return v;
    }
}
