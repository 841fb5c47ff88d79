package io.teleflux.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EncodedFrameTest {

    private static final byte[] IDR = {0, 0, 0, 1, 0x67, 0x42, 0, 0, 1, 0x68, 0, 0, 1, 0x65};
    private static final byte[] P = {0, 0, 1, 0x41, 0x01};

    @Test
    void aKeyframeIsItsOwnKeyframeSeqAndADeltaPointsBackToOne() {
        EncodedFrame key = EncodedFrame.keyframe(VideoCodec.H264, 30, 90_000, 640, 480, IDR);
        EncodedFrame delta = EncodedFrame.delta(VideoCodec.H264, 31, 30, 93_000, 640, 480, P);

        assertThat(key.keyframe()).isTrue();
        assertThat(key.keyframeSeq()).isEqualTo(30);
        assertThat(delta.keyframe()).isFalse();
        assertThat(delta.keyframeSeq()).isEqualTo(30);
        assertThat(delta.size()).isEqualTo(5);
        assertThat(delta).hasToString("EncodedFrame[H264 seq=31 delta of 30 pts=93000 640x480 5 B]");
    }

    @Test
    void keyframeSeqRulesAreEnforcedWithTheValuesInTheMessage() {
        assertThatThrownBy(() -> new EncodedFrame(VideoCodec.H264, 5, true, 0, 0, 2, 2, IDR))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyframeSeq 0 for seq 5");
        assertThatThrownBy(() -> EncodedFrame.delta(VideoCodec.H264, 5, 6, 0, 2, 2, P))
                .hasMessageContaining("keyframeSeq must be <= seq").hasMessageContaining("keyframeSeq 6 for seq 5");
    }

    @Test
    void badValuesFailAtOnceWithTheValueInTheMessage() {
        assertThatThrownBy(() -> EncodedFrame.keyframe(VideoCodec.H264, -1, 0, 2, 2, IDR))
                .hasMessageContaining("seq must be >= 0, was -1");
        assertThatThrownBy(() -> EncodedFrame.keyframe(VideoCodec.H264, 0, -90, 2, 2, IDR))
                .hasMessageContaining("pts must be >= 0, was -90");
        assertThatThrownBy(() -> EncodedFrame.keyframe(VideoCodec.H264, 0, 0, 0, 2, IDR))
                .hasMessageContaining("was 0x2");
        assertThatThrownBy(() -> EncodedFrame.keyframe(VideoCodec.VP8, 0, 0, 2, 2, new byte[0]))
                .hasMessageContaining("had 0");
        assertThatThrownBy(() -> EncodedFrame.keyframe(VideoCodec.H264, 0, 0, 2, 2, null))
                .isInstanceOf(NullPointerException.class).hasMessage("data");
    }

    @Test
    void annexBCodecsMustStartWithAStartCode() {
        assertThatThrownBy(() -> EncodedFrame.keyframe(VideoCodec.H264, 0, 0, 2, 2, new byte[] {0x67, 0x42, 0, 1}))
                .hasMessageContaining("started with 67 42 00 01");
        assertThat(EncodedFrame.keyframe(VideoCodec.H265, 0, 0, 2, 2, P).size()).isEqualTo(5);
        assertThat(EncodedFrame.keyframe(VideoCodec.VP8, 0, 0, 2, 2, new byte[] {0x10, 0x02}).size()).isEqualTo(2);
    }

    @Test
    void equalityComparesTheBytesWhichAreNotCopied() {
        byte[] data = P.clone();
        EncodedFrame a = EncodedFrame.delta(VideoCodec.H264, 1, 0, 3000, 2, 2, data);
        EncodedFrame b = EncodedFrame.delta(VideoCodec.H264, 1, 0, 3000, 2, 2, P.clone());

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.data()).isSameAs(data);
        assertThat(a).isNotEqualTo(EncodedFrame.delta(VideoCodec.H264, 2, 0, 3000, 2, 2, P));
    }

    @Test
    void codecsRoundTripThroughTheirWireNames() {
        for (VideoCodec codec : VideoCodec.values()) {
            assertThat(VideoCodec.fromWireName(codec.wireName().toUpperCase())).isEqualTo(codec);
        }
        assertThat(VideoCodec.H264.wireName()).isEqualTo("h264");
        assertThatThrownBy(() -> VideoCodec.fromWireName("mjpeg")).hasMessageContaining("'mjpeg'");
    }
}
