package io.teleflux.bench.harness;

import io.teleflux.spi.ProviderConfig;
import io.teleflux.webrtc.InProcessSignaling;
import io.teleflux.webrtc.Signaling;
import io.teleflux.webrtc.WebRtcConfig;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

/**
 * Two real webrtc-java peer connections in this JVM (Java ⇄ Java), meeting through in-process signaling: either with
 * the default config (plain WebRTC, what a browser peer gets) or with teleflux framing (coalescing and fragmentation,
 * negotiated because both ends are teleflux).
 */
final class WebRtcTarget implements SessionTarget {
    private final AtomicInteger links = new AtomicInteger();
    private final boolean framed;

    /** @param framed whether both ends enable coalescing and fragmentation */
    WebRtcTarget(boolean framed) {
        this.framed = framed;
    }

    @Override
    public String name() {
        return framed ? "webrtc-framed" : "webrtc";
    }

    @Override
    public Tuple2<ProviderConfig, ProviderConfig> newLink() {
        InProcessSignaling signaling = Signaling.inProcess("bench-" + links.incrementAndGet());
        return Tuples.of(configure(WebRtcConfig.of(signaling.robot())),
                configure(WebRtcConfig.of(signaling.operator())));
    }

    private WebRtcConfig configure(WebRtcConfig config) {
        return config.withCoalescing(framed).withFragmentation(framed);
    }
}
