package io.teleflux.codecs.video;

import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import java.util.ArrayList;
import java.util.List;

/** Encoded test streams, made once per JVM: x264 defaults (IDR every 30), 160x120 synthetic content. */
final class TestStreams {

    private static List<EncodedFrame> small;

    private TestStreams() {
    }

    /** 90 access units, seq 0..89, IDRs at 0, 30, 60. */
    static synchronized List<EncodedFrame> small() {
        if (small == null) {
            small = encode(160, 120, 90);
        }
        return small;
    }

    static List<EncodedFrame> encode(int width, int height, int count) {
        List<EncodedFrame> out = new ArrayList<>();
        try (H264Encoder encoder = H264Encoder.open()) {
            for (int i = 0; i < count; i++) {
                try (Frame frame = TestFrames.synthetic(width, height, i)) {
                    out.add(encoder.encode(frame));
                }
            }
        }
        return List.copyOf(out);
    }

    /** A copy of {@code au} with other bytes (same metadata). */
    static EncodedFrame withData(EncodedFrame au, byte[] data) {
        return new EncodedFrame(au.codec(), au.seq(), au.keyframe(), au.keyframeSeq(), au.pts(), au.width(),
                au.height(), data);
    }
}
