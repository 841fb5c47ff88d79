package io.teleflux.bench.harness;

import io.teleflux.spi.ProviderConfig;
import io.teleflux.webrtc.InProcessSignaling;
import io.teleflux.webrtc.Signaling;
import io.teleflux.webrtc.WebRtcConfig;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

/** Two real webrtc-java peer connections in this JVM (Java ⇄ Java), meeting through in-process signaling. */
final class WebRtcTarget implements BenchTarget {
    private final AtomicInteger links = new AtomicInteger();

    @Override
    public String name() {
        return "webrtc";
    }

    @Override
    public Tuple2<ProviderConfig, ProviderConfig> newLink() {
        InProcessSignaling signaling = Signaling.inProcess("bench-" + links.incrementAndGet());
        return Tuples.of(WebRtcConfig.of(signaling.robot()), WebRtcConfig.of(signaling.operator()));
    }
}
