package io.teleflux.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.video.VideoCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Video options: defaults, withers, validation, and video being opt-in on the config. */
class VideoOptionsTest {

    @Test
    void defaultsAreThirtyFramesH264ThenVp8AndLibwebrtcsBitrate() {
        VideoOptions d = VideoOptions.defaults();
        assertThat(d.maxFramesPerSecond()).isEqualTo(30);
        assertThat(d.codecs()).containsExactly(VideoCodec.H264, VideoCodec.VP8);
        assertThat(d.maxBitrate()).isZero();
        assertThat(d.withMaxFramesPerSecond(15).withCodecs(VideoCodec.VP8).withMaxBitrate(1_000_000))
                .isEqualTo(new VideoOptions(15, List.of(VideoCodec.VP8), 1_000_000));
    }

    @Test
    void badValuesFailAtOnceWithTheValue() {
        assertThatThrownBy(() -> VideoOptions.defaults().withMaxFramesPerSecond(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.0");
        assertThatThrownBy(() -> VideoOptions.defaults().withCodecs())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> VideoOptions.defaults().withCodecs(VideoCodec.H265))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("H.265");
        assertThatThrownBy(() -> VideoOptions.defaults().withMaxBitrate(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void videoIsOptInOnTheConfig() {
        WebRtcConfig plain = WebRtcConfig.of(Signaling.inProcess("video-options").robot());
        assertThat(plain.video()).isEmpty();
        WebRtcConfig withVideo = plain.withVideo(VideoOptions.defaults());
        assertThat(withVideo.video()).contains(VideoOptions.defaults());
        assertThat(withVideo.withCoalescing(true).video()).as("kept by other withers").isPresent();
        assertThat(withVideo.withoutVideo()).isEqualTo(plain);
    }
}
