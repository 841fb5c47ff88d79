package io.teleflux.codecs.lcm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One LCM struct definition, as written in a {@code .lcm} file: its full name and its members in declaration order.
 * The wire fingerprint is computed from this definition (see {@link #fingerprint()}), never hard-coded.
 */
final class LcmStruct {

    /** The primitive type names of the LCM language; every other type name refers to a struct. */
    static final Set<String> PRIMITIVES = Set.of(
            "int8_t", "int16_t", "int32_t", "int64_t", "byte", "float", "double", "string", "boolean");

    /** One array dimension: a constant size, or a variable size named by a sibling length member. */
    record Dim(boolean variable, String size) {
        Dim {
            Objects.requireNonNull(size, "size");
        }
    }

    /** One member: its name, its type, and its array dimensions (empty for a scalar). */
    record Member(String name, String typeName, LcmStruct struct, List<Dim> dims) {
        Member {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(typeName, "typeName");
            dims = List.copyOf(dims);
        }

        boolean primitive() {
            return struct == null;
        }
    }

    private final String name;
    private final List<Member> members;
    private final long base;
    private final long fingerprint;

    private LcmStruct(String name, List<Member> members) {
        this.name = name;
        this.members = List.copyOf(members);
        this.base = LcmFingerprint.base(this);
        this.fingerprint = LcmFingerprint.fingerprint(this);
    }

    static Builder struct(String name) {
        return new Builder(name);
    }

    /** The full LCM name, for example {@code geometry_msgs.TwistStamped}. */
    String name() {
        return name;
    }

    List<Member> members() {
        return members;
    }

    /** lcm-gen's {@code LCM_FINGERPRINT_BASE}: the hash of the member list alone. */
    long base() {
        return base;
    }

    /** lcm-gen's wire fingerprint ({@code _hashRecursive} result): the first 8 bytes of every encoded message. */
    long fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds a definition member by member, in declaration order. */
    static final class Builder {
        private final String name;
        private final List<Member> members = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** A scalar primitive member, for example {@code double x;}. */
        Builder primitive(String typeName, String memberName) {
            requirePrimitive(typeName);
            members.add(new Member(memberName, typeName, null, List.of()));
            return this;
        }

        /** A scalar struct member, for example {@code std_msgs.Header header;}. */
        Builder struct(LcmStruct type, String memberName) {
            members.add(new Member(memberName, type.name(), type, List.of()));
            return this;
        }

        /** A variable-length primitive array, for example {@code byte data[data_length];}. */
        Builder primitiveArray(String typeName, String memberName, String lengthMember) {
            requirePrimitive(typeName);
            members.add(new Member(memberName, typeName, null, List.of(new Dim(true, lengthMember))));
            return this;
        }

        LcmStruct build() {
            return new LcmStruct(name, members);
        }

        private static void requirePrimitive(String typeName) {
            if (!PRIMITIVES.contains(typeName)) {
                throw new IllegalArgumentException("not an LCM primitive type: " + typeName);
            }
        }
    }
}
