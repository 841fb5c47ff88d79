package io.teleflux.webrtc.peer;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCStatsReport;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Reads a peer connection's statistics. Summarise a report with {@link io.teleflux.webrtc.WebRtcStats#of}; read other
 * members from {@code report.getStats()} as {@link Number} (webrtc-java maps uint64 to {@code BigInteger}, uint32 to
 * {@code Long}, doubles to {@code Double}).
 */
public final class PeerStats {

    private PeerStats() {
    }

    /**
     * Cold: one stats report of {@code pc}, signalled on libwebrtc's signaling thread (hop off it before calling into
     * the peer connection). Subscribe only while {@code pc} is open.
     */
    public static Mono<RTCStatsReport> sample(RTCPeerConnection pc) {
        Objects.requireNonNull(pc, "pc");
        return Mono.create(sink -> pc.getStats(report -> NativeCallbacks.guard("getStats",
                () -> sink.success(report))));
    }
}
