package io.teleflux.webrtc;

import io.teleflux.tck.ProviderTck;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WebRTC provider passes the provider TCK; unreliable channels may lose a little (lossless stays false). */
@ExtendWith(NetworkNamespace.class)
class WebRtcProviderTckTest extends ProviderTck {

    private static final AtomicInteger LINKS = new AtomicInteger();

    @Override
    protected Link newLink() {
        InProcessSignaling signaling = Signaling.inProcess("tck-" + LINKS.incrementAndGet());
        return new Link(WebRtcConfig.of(signaling.robot()), WebRtcConfig.of(signaling.operator()));
    }
}
