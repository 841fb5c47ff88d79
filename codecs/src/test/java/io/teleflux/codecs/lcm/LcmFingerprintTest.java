package io.teleflux.codecs.lcm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fingerprints computed from the .lcm definitions equal every constant lcm-gen produced (reference §5). */
class LcmFingerprintTest {

    static Stream<Arguments> referenceTable() {
        return Stream.of(
                Arguments.of(LcmSchemas.VECTOR3, 0x573f2fdd2f76508fL, 0xae7e5fba5eeca11eL),
                Arguments.of(LcmSchemas.TWIST, 0x3a4144772922add7L, 0x2e7c07d7cdf7e027L),
                Arguments.of(LcmSchemas.STD_TIME, 0xde1d24a3a8ecb648L, 0xbc3a494751d96c91L),
                Arguments.of(LcmSchemas.HEADER, 0xdbb33f5b4c19b8eaL, 0x2fdb11453be64af7L),
                Arguments.of(LcmSchemas.TWIST_STAMPED, 0xf01245422c7b28c2L, 0x9cd2bcbe6cb2a7c0L),
                Arguments.of(LcmSchemas.IMAGE, 0x79d36c21d3c16094L, 0x535cface1f4f5717L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceTable")
    void baseAndFingerprintEqualLcmGenConstants(LcmStruct struct, long base, long fingerprint) {
        assertThat(struct.base()).as("base").isEqualTo(base);
        assertThat(struct.fingerprint()).as("fingerprint").isEqualTo(fingerprint);
    }

    static Stream<Arguments> fingerprintOnly() {
        return Stream.of(
                Arguments.of(LcmSchemas.POSE_STAMPED, 0x6a82696458c279a0L),
                Arguments.of(LcmSchemas.JOY, 0xa0f07abc86c1684cL),
                Arguments.of(LcmSchemas.COMPRESSED_VIDEO, 0x2217b46eefbf7b05L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fingerprintOnly")
    void fingerprintEqualsLcmGenConstant(LcmStruct struct, long fingerprint) {
        assertThat(struct.fingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void everyMessageTypeMatchesOnItsComputedFingerprint() {
        for (LcmSamples.Sample<?> sample : LcmSamples.all()) {
            LcmMessageType<?> type = (LcmMessageType<?>) sample.type();
            byte[] payload = sample.encode();
            assertThat((long) LcmWriter.INT64.get(payload, 0)).as(type.name()).isEqualTo(type.fingerprint());
            assertThat(type.fingerprint()).isEqualTo(type.struct().fingerprint());
        }
    }

    @Test
    void pointAndVector3ShareAFingerprintBecauseTheStructNameIsNotHashed() {
        assertThat(LcmSchemas.POINT.fingerprint()).isEqualTo(LcmSchemas.VECTOR3.fingerprint());
        assertThat(Vector3.TYPE.matches(Point.TYPE.encode(Point.ORIGIN))).isTrue();
    }

    @Test
    void fingerprintDependsOnMemberNamesTypesAndOrder() {
        LcmStruct renamed = LcmStruct.struct("geometry_msgs.Vector3")
                .primitive("double", "x").primitive("double", "y").primitive("double", "w").build();
        LcmStruct retyped = LcmStruct.struct("geometry_msgs.Vector3")
                .primitive("double", "x").primitive("double", "y").primitive("float", "z").build();
        LcmStruct reordered = LcmStruct.struct("geometry_msgs.Vector3")
                .primitive("double", "y").primitive("double", "x").primitive("double", "z").build();
        assertThat(renamed.fingerprint()).isNotEqualTo(LcmSchemas.VECTOR3.fingerprint());
        assertThat(retyped.fingerprint()).isNotEqualTo(LcmSchemas.VECTOR3.fingerprint());
        assertThat(reordered.fingerprint()).isNotEqualTo(LcmSchemas.VECTOR3.fingerprint());
    }

    @Test
    void hashUpdateSignExtendsBytesAsCDoes() {
        // c is a signed char in lcm-gen: 0xC3 adds -61, not 195
        assertThat(LcmFingerprint.hashUpdate(0, 0xC3)).isEqualTo(-61L);
        assertThat(LcmFingerprint.hashUpdate(1L << 62, 0)).isEqualTo((1L << 62 << 8) ^ ((1L << 62) >> 55));
    }
}
