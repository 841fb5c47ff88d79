package io.teleflux.codecs.lcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import io.teleflux.MessageDecodingException;
import io.teleflux.MessageEncodingException;
import io.teleflux.MessageType;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LcmMalformedPayloadTest {

    /** TwistStamped with frame_id "keyboard": the string length sits after fingerprint, seq and stamp. */
    private static final int TWIST_STAMPED_FRAME_LENGTH = 8 + 4 + 8;
    private static final int TWIST_STAMPED_FRAME_BYTES = TWIST_STAMPED_FRAME_LENGTH + 4;
    /** Image, Joy and CompressedVideo all start their body with an int32 length. */
    private static final int FIRST_LENGTH = 8;

    static List<LcmSamples.Sample<?>> samples() {
        return LcmSamples.all();
    }

    private static byte[] keyboardTwist() {
        return TwistStamped.TYPE.encode(TwistStamped.of(7, 1, 0, "keyboard", Vector3.ZERO, Vector3.ZERO));
    }

    private static byte[] withInt(byte[] payload, int offset, int value) {
        byte[] copy = payload.clone();
        LcmWriter.INT32.set(copy, offset, value);
        return copy;
    }

    private static void assertRejected(MessageType<?> type, byte[] payload, String messagePart) {
        assertThatThrownBy(() -> type.decode(payload))
                .isExactlyInstanceOf(MessageDecodingException.class)
                .hasMessageContaining(type.name())
                .hasMessageContaining(messagePart);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void payloadTruncatedAtAnyByteIsRejected(LcmSamples.Sample<?> sample) {
        byte[] payload = sample.encode();
        for (int length = 0; length < payload.length; length++) {
            byte[] truncated = Arrays.copyOf(payload, length);
            assertThatThrownBy(() -> sample.type().decode(truncated)).as("length %d", length)
                    .isExactlyInstanceOf(MessageDecodingException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void trailingBytesAfterTheStructAreRejected(LcmSamples.Sample<?> sample) {
        byte[] payload = sample.encode();
        assertRejected(sample.type(), Arrays.copyOf(payload, payload.length + 1), "trailing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void wrongFingerprintIsRejectedAndDoesNotMatch(LcmSamples.Sample<?> sample) {
        byte[] payload = sample.encode();
        for (int bit = 0; bit < 64; bit++) {
            byte[] flipped = payload.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(sample.type().matches(flipped)).isFalse();
            assertRejected(sample.type(), flipped, "fingerprint");
        }
    }

    @Test
    void nullAndEmptyPayloadsAreRejected() {
        assertRejected(TwistStamped.TYPE, null, "null");
        assertRejected(TwistStamped.TYPE, new byte[0], "shorter than the fingerprint");
    }

    @Test
    void anotherTypesPayloadIsRejected() {
        assertRejected(Twist.TYPE, keyboardTwist(), "fingerprint");
    }

    @Test
    void negativeArrayLengthsAreRejected() {
        Header header = Header.of(0, 0, 0, "cam");
        byte[] image = Image.TYPE.encode(new Image(header, 1, 1, "mono8", (byte) 0, 1, new byte[] {1}));
        assertRejected(Image.TYPE, withInt(image, FIRST_LENGTH, -1), "negative data_length");
        byte[] joy = Joy.TYPE.encode(new Joy(header, new float[] {1}, new int[] {1}));
        assertRejected(Joy.TYPE, withInt(joy, FIRST_LENGTH, -1), "negative axes_length");
        assertRejected(Joy.TYPE, withInt(joy, FIRST_LENGTH + 4, Integer.MIN_VALUE), "negative buttons_length");
        byte[] video = CompressedVideo.TYPE.encode(new CompressedVideo(BuiltinTime.ZERO, "c", new byte[1], "h264"));
        assertRejected(CompressedVideo.TYPE, withInt(video, FIRST_LENGTH, -5), "negative data_length");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE, 0})
    void stringLengthWithoutRoomForNulIsRejected(int length) {
        assertRejected(TwistStamped.TYPE, withInt(keyboardTwist(), TWIST_STAMPED_FRAME_LENGTH, length),
                "cannot hold the terminating NUL");
    }

    @Test
    void hugeLengthsAreRejectedBeforeAnythingIsAllocated() {
        Header header = Header.of(0, 0, 0, "cam");
        byte[] image = withInt(Image.TYPE.encode(new Image(header, 1, 1, "mono8", (byte) 0, 1, new byte[1])),
                FIRST_LENGTH, Integer.MAX_VALUE);
        byte[] joyAxes = withInt(Joy.TYPE.encode(new Joy(header, new float[1], new int[1])),
                FIRST_LENGTH, Integer.MAX_VALUE);
        byte[] joyButtons = withInt(Joy.TYPE.encode(new Joy(header, new float[1], new int[1])),
                FIRST_LENGTH + 4, 0x7FFF_FFF0);
        byte[] video = withInt(CompressedVideo.TYPE.encode(new CompressedVideo(BuiltinTime.ZERO, "c", new byte[1],
                "h264")), FIRST_LENGTH, Integer.MAX_VALUE - 8);
        byte[] frame = withInt(keyboardTwist(), TWIST_STAMPED_FRAME_LENGTH, Integer.MAX_VALUE);

        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertRejected(Image.TYPE, image, "truncated");
        assertRejected(Joy.TYPE, joyAxes, "truncated");
        assertRejected(Joy.TYPE, joyButtons, "truncated");
        assertRejected(CompressedVideo.TYPE, video, "truncated");
        assertRejected(TwistStamped.TYPE, frame, "truncated");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated while rejecting 2 GB lengths").isLessThan(4L << 20);
    }

    @Test
    void stringWithoutTerminatingNulIsRejected() {
        byte[] payload = keyboardTwist();
        payload[TWIST_STAMPED_FRAME_BYTES + "keyboard".length()] = 'x';
        assertRejected(TwistStamped.TYPE, payload, "does not end with NUL");
    }

    @Test
    void invalidUtf8InAStringIsRejected() {
        byte[][] invalid = {
            {(byte) 0xC3, 0x28},                          // lead byte followed by a non-continuation
            {(byte) 0xC0, (byte) 0xAF},                   // overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},      // UTF-16 surrogate encoded as UTF-8
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0x80},                                // lone continuation byte
            {(byte) 0xE2, (byte) 0x82},                   // cut-off sequence
        };
        for (byte[] bad : invalid) {
            byte[] payload = keyboardTwist();
            System.arraycopy(bad, 0, payload, TWIST_STAMPED_FRAME_BYTES, bad.length);
            assertRejected(TwistStamped.TYPE, payload, "not valid UTF-8");
        }
    }

    @Test
    void arrayLengthThatDisagreesWithTheBytesIsRejected() {
        byte[] joy = Joy.TYPE.encode(new Joy(Header.of(0, 0, 0, "l"), new float[] {1, 2}, new int[] {3}));
        assertRejected(Joy.TYPE, withInt(joy, FIRST_LENGTH, 3), "truncated");
        assertRejected(Joy.TYPE, withInt(joy, FIRST_LENGTH, 1), "trailing");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void encodingANullMessageFailsWithAnEncodingException() {
        for (MessageType type : LcmMessages.all()) {
            assertThatThrownBy(() -> type.encode(null)).isExactlyInstanceOf(MessageEncodingException.class)
                    .hasMessageContaining(type.name());
        }
    }

    @Test
    void stringWithAnUnpairedSurrogateCannotBeEncoded() {
        assertThatThrownBy(() -> Header.TYPE.encode(Header.of(0, 0, 0, "bad\uD800")))
                .isExactlyInstanceOf(MessageEncodingException.class).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> Header.TYPE.encode(Header.of(0, 0, 0, "\uDC00x")))
                .isExactlyInstanceOf(MessageEncodingException.class);
    }

    @Test
    void messageLargerThanAnArrayCanHoldCannotBeEncoded() {
        LcmMessageType<Header> oversized = new LcmMessageType<>(LcmSchemas.HEADER, Header.class,
                m -> Integer.MAX_VALUE, (w, m) -> { }, r -> null);
        assertThatThrownBy(() -> oversized.encode(Header.of(0, 0, 0, "")))
                .isExactlyInstanceOf(MessageEncodingException.class).hasMessageContaining("largest possible array");
    }
}
