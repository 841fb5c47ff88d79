package io.teleflux.bench.harness;

import java.time.Duration;

/**
 * The raw webrtc-java baseline, measured in the same run so that the toolkit's overhead over it can be stated: see
 * {@link RawWebRtcLink}. Not a teleflux provider; no session is involved.
 */
final class RawWebRtcTarget implements BenchTarget {

    @Override
    public String name() {
        return "raw-webrtc-java";
    }

    @Override
    public BenchLink connect(ChannelKind kind, Duration timeout) {
        return RawWebRtcLink.open(kind, timeout);
    }
}
