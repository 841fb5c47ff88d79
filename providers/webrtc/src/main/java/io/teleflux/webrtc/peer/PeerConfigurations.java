package io.teleflux.webrtc.peer;

import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import io.teleflux.webrtc.IceServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Builds libwebrtc's {@link RTCConfiguration} from teleflux values. */
public final class PeerConfigurations {

    private PeerConfigurations() {
    }

    /**
     * A configuration with these ICE servers, {@code max-bundle} (media and data on one transport: Cloudflare and
     * most SFUs need it) and, if {@code relayOnly}, ICE transport policy {@code relay} (TURN candidates only).
     */
    public static RTCConfiguration of(List<IceServer> iceServers, boolean relayOnly) {
        Objects.requireNonNull(iceServers, "iceServers");
        RTCConfiguration rtc = new RTCConfiguration();
        for (IceServer server : iceServers) {
            rtc.iceServers.add(rtcIceServer(server));
        }
        rtc.iceTransportPolicy = relayOnly ? RTCIceTransportPolicy.RELAY : RTCIceTransportPolicy.ALL;
        rtc.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        return rtc;
    }

    /** One ICE server in libwebrtc's form. */
    public static RTCIceServer rtcIceServer(IceServer server) {
        Objects.requireNonNull(server, "server");
        RTCIceServer s = new RTCIceServer();
        s.urls = new ArrayList<>(server.urls());
        s.username = server.username();
        s.password = server.credential();
        return s;
    }
}
