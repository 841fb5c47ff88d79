package io.teleflux.codecs.lcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LcmRoundTripTest {

    static List<LcmSamples.Sample<?>> samples() {
        return LcmSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void decodeOfEncodeGivesAnEqualMessageAndEncodingIsCanonical(LcmSamples.Sample<?> sample) {
        assertRoundTrip(sample);
    }

    private static <T> void assertRoundTrip(LcmSamples.Sample<T> sample) {
        byte[] payload = sample.type().encode(sample.message());
        assertThat(sample.type().matches(payload)).isTrue();
        T decoded = sample.type().decode(payload);
        assertThat(decoded).isEqualTo(sample.message()).hasSameHashCodeAs(sample.message());
        assertThat(sample.type().encode(decoded)).isEqualTo(payload);
    }

    @Test
    void everyTypeIsListedOnceWithItsLcmName() {
        Set<String> names = LcmMessages.all().stream().map(MessageType::name).collect(Collectors.toSet());
        assertThat(names).containsExactlyInAnyOrder("std_msgs.Time", "builtin_interfaces.Time", "std_msgs.Header",
                "geometry_msgs.Vector3", "geometry_msgs.Point", "geometry_msgs.Quaternion", "geometry_msgs.Pose",
                "geometry_msgs.PoseStamped", "geometry_msgs.Twist", "geometry_msgs.TwistStamped",
                "sensor_msgs.Image", "sensor_msgs.Joy", "foxglove_msgs.CompressedVideo");
        assertThat(LcmMessages.all()).allSatisfy(type -> assertThat(type.javaType()).isNotNull());
    }

    @Test
    void stringsAreUtf8WithLengthPlusOneAndNul() {
        String frame = "gauche-é-😀";
        byte[] utf8 = frame.getBytes(StandardCharsets.UTF_8);
        byte[] payload = Header.TYPE.encode(Header.of(1, 2, 3, frame));
        assertThat(payload).hasSize(8 + 4 + 8 + 4 + utf8.length + 1);
        assertThat((int) LcmWriter.INT32.get(payload, 20)).isEqualTo(utf8.length + 1);
        assertThat(Arrays.copyOfRange(payload, 24, 24 + utf8.length)).isEqualTo(utf8);
        assertThat(payload[payload.length - 1]).isZero();
    }

    @Test
    void imageLaysOutDataLengthFirstAndDataLast() {
        byte[] data = {9, 8, 7};
        byte[] payload = Image.TYPE.encode(new Image(Header.of(0, 0, 0, ""), 1, 1, "rgb8", (byte) 0, 3, data));
        assertThat((int) LcmWriter.INT32.get(payload, 8)).isEqualTo(3);
        assertThat(Arrays.copyOfRange(payload, payload.length - 3, payload.length)).isEqualTo(data);
    }

    @Test
    void manyDistinctFrameIdsDecodeCorrectlyThroughTheStringCache() {
        for (int i = 0; i < 2_000; i++) {
            String frame = (i % 3 == 0 ? "left" : i % 3 == 1 ? "right" : "f") + i % 97;
            Header header = Header.of(i, 0, 0, frame);
            assertThat(Header.TYPE.decode(Header.TYPE.encode(header)).frameId()).isEqualTo(frame);
        }
    }

    @Test
    void joyIsImmutableDespiteItsArrays() {
        float[] axes = {0.25f, 0.5f};
        int[] buttons = {1, 0};
        Joy joy = new Joy(Header.of(0, 0, 0, "left"), axes, buttons);
        axes[0] = 9;
        buttons[0] = 9;
        joy.axes()[1] = 9;
        joy.buttons()[1] = 9;
        assertThat(joy.axes()).containsExactly(0.25f, 0.5f);
        assertThat(joy.buttons()).containsExactly(1, 0);
        assertThat(joy.axisCount()).isEqualTo(2);
        assertThat(joy.buttonCount()).isEqualTo(2);
    }

    @Test
    void imageAndVideoTakeOwnershipOfTheirDataWithoutCopying() {
        byte[] data = new byte[16];
        Image image = new Image(Header.of(0, 0, 0, "cam"), 4, 4, "mono8", (byte) 0, 4, data);
        CompressedVideo video = new CompressedVideo(BuiltinTime.ZERO, "cam", data, "h264");
        assertThat(image.data()).isSameAs(data);
        assertThat(video.data()).isSameAs(data);
    }

    @Test
    void arrayRecordsCompareContentsAndPrintSizes() {
        Header header = Header.of(0, 0, 0, "cam");
        Image a = new Image(header, 1, 2, "mono8", (byte) 0, 2, new byte[] {1, 2});
        Image b = new Image(header, 1, 2, "mono8", (byte) 0, 2, new byte[] {1, 2});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b)
                .isNotEqualTo(new Image(header, 1, 2, "mono8", (byte) 0, 2, new byte[] {1, 3}));
        assertThat(a.toString()).contains("data=2 bytes");
        assertThat(new CompressedVideo(BuiltinTime.ZERO, "c", new byte[] {1}, "h264"))
                .isEqualTo(new CompressedVideo(BuiltinTime.ZERO, "c", new byte[] {1}, "h264"));
        assertThat(new Joy(header, new float[] {1}, new int[] {2}))
                .isEqualTo(new Joy(header, new float[] {1}, new int[] {2}))
                .hasToString("Joy[header=" + header + ", axes=[1.0], buttons=[2]]");
    }

    @Test
    void recordsRejectNullComponentsAtConstruction() {
        assertThatThrownBy(() -> Header.of(0, 0, 0, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("frameId");
        assertThatThrownBy(() -> new Twist(null, Vector3.ZERO)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Image(Header.of(0, 0, 0, ""), 0, 0, "rgb8", (byte) 0, 0, null))
                .isInstanceOf(NullPointerException.class).hasMessage("data");
        assertThatThrownBy(() -> new Joy(Header.of(0, 0, 0, ""), null, new int[0]))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void factoriesAndConstantsAreWhatTheySay() {
        assertThat(Twist.ZERO).isEqualTo(new Twist(new Vector3(0, 0, 0), new Vector3(0, 0, 0)));
        assertThat(Pose.IDENTITY.orientation()).isEqualTo(new Quaternion(0, 0, 0, 1));
        assertThat(PoseStamped.of(1, 2, 3, "left", Point.ORIGIN, Quaternion.IDENTITY).header())
                .isEqualTo(new Header(1, new StdTime(2, 3), "left"));
        assertThat(BuiltinTime.ofSeconds(2.5)).isEqualTo(new BuiltinTime(2, 500_000_000));
        assertThat(new HashSet<>(List.of(StdTime.ZERO, new StdTime(0, 0)))).hasSize(1);
    }
}
