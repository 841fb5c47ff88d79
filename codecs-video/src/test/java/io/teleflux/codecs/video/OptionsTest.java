package io.teleflux.codecs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void encoderDefaultsAreTheDocumentedOnes() {
        H264EncoderOptions d = H264EncoderOptions.defaults();
        assertThat(d.implementation()).isEqualTo(H264Implementation.AUTO);
        assertThat(d.rateControl()).isEqualTo(H264EncoderOptions.RateControl.CRF);
        assertThat(d.crf()).isEqualTo(23);
        assertThat(d.bitrate()).isEqualTo(2_000_000);
        assertThat(d.preset()).isEqualTo("veryfast");
        assertThat(d.level()).isEqualTo(31);
        assertThat(d.keyframeInterval()).isEqualTo(30);
        assertThat(d.frameRate()).isEqualTo(30);
        assertThat(d.threads()).isEqualTo(1);
    }

    @Test
    void withersCopyAndSwitchRateControl() {
        H264EncoderOptions d = H264EncoderOptions.defaults();
        H264EncoderOptions b = d.withBitrate(1_500_000);
        assertThat(b.rateControl()).isEqualTo(H264EncoderOptions.RateControl.BITRATE);
        assertThat(d.rateControl()).isEqualTo(H264EncoderOptions.RateControl.CRF);
        assertThat(b.withCrf(28).rateControl()).isEqualTo(H264EncoderOptions.RateControl.CRF);
        assertThat(d.withKeyframeInterval(30)).isEqualTo(d).hasSameHashCodeAs(d);
    }

    @Test
    void badValuesFailAtOnceWithTheValue() {
        H264EncoderOptions d = H264EncoderOptions.defaults();
        assertThatThrownBy(() -> d.withCrf(52)).hasMessageContaining("52");
        assertThatThrownBy(() -> d.withBitrate(5)).hasMessageContaining("5");
        assertThatThrownBy(() -> d.withPreset("warp")).hasMessageContaining("warp");
        assertThatThrownBy(() -> d.withLevel(33)).hasMessageContaining("33");
        assertThatThrownBy(() -> d.withKeyframeInterval(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> d.withFrameRate(241)).hasMessageContaining("241");
        assertThatThrownBy(() -> d.withThreads(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> H264DecodeOptions.defaults().withBuffer(0)).hasMessageContaining("0");
    }

    @Test
    void levelAndIntervalReachTheBitstream() {
        H264EncoderOptions options = H264EncoderOptions.defaults().withLevel(40).withKeyframeInterval(5);
        try (H264Encoder encoder = H264Encoder.open(options);
             io.teleflux.video.Frame f = TestFrames.synthetic(64, 48, 0)) {
            for (int i = 0; i < 11; i++) {
                var au = encoder.encode(f);
                assertThat(au.keyframe()).isEqualTo(i % 5 == 0);
                if (i == 0 && encoder.implementation() == H264Implementation.X264) {
                    assertThat(au.data()[7] & 0xFF).isEqualTo(40);
                }
            }
        }
    }
}
