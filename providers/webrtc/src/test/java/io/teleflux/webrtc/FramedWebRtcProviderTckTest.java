package io.teleflux.webrtc;

import io.teleflux.tck.ProviderTck;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WebRTC provider with fragmentation and coalescing negotiated on both ends passes the provider TCK too. */
@ExtendWith(NetworkNamespace.class)
class FramedWebRtcProviderTckTest extends ProviderTck {

    private static final AtomicInteger LINKS = new AtomicInteger();

    @Override
    protected Link newLink() {
        InProcessSignaling signaling = Signaling.inProcess("tck-framed-" + LINKS.incrementAndGet());
        return new Link(WebRtcConfig.of(signaling.robot()).withFragmentation(true).withCoalescing(true),
                WebRtcConfig.of(signaling.operator()).withFragmentation(true).withCoalescing(true));
    }
}
