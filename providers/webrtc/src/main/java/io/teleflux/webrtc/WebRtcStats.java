package io.teleflux.webrtc;

import dev.onvoid.webrtc.RTCStatsReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One sample of a WebRTC session's statistics, read from libwebrtc's {@code getStats}. Counters are totals since the
 * peer connection was created, over all of its data channels, counting payload bytes only.
 *
 * @param timestamp                when libwebrtc took the sample
 * @param messagesSent             data channel messages sent
 * @param bytesSent                payload bytes sent
 * @param messagesReceived         data channel messages received
 * @param bytesReceived            payload bytes received
 * @param roundTripTime            the selected candidate pair's current round-trip time (STUN consent checks), if
 *                                 measured yet
 * @param availableOutgoingBitrate the congestion controller's estimate of the outgoing bitrate, in bits per second,
 *                                 if known
 * @param selectedCandidatePair    the candidate pair ICE selected, once there is one
 */
public record WebRtcStats(Instant timestamp, long messagesSent, long bytesSent, long messagesReceived,
                          long bytesReceived, Optional<Duration> roundTripTime, OptionalLong availableOutgoingBitrate,
                          Optional<CandidatePair> selectedCandidatePair) {

    public WebRtcStats {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(roundTripTime, "roundTripTime");
        Objects.requireNonNull(availableOutgoingBitrate, "availableOutgoingBitrate");
        Objects.requireNonNull(selectedCandidatePair, "selectedCandidatePair");
    }

    /**
     * The summary of a libwebrtc stats report (for example from
     * {@link io.teleflux.webrtc.peer.PeerStats#sample}).
     */
    public static WebRtcStats of(RTCStatsReport report) {
        Objects.requireNonNull(report, "report");
        return StatsReader.read(report);
    }

    /**
     * The path ICE chose. Candidate types are the standard {@code host}, {@code srflx}, {@code prflx} or
     * {@code relay}; {@code relay} means the data flows through a TURN server. Addresses are {@code ip:port}.
     *
     * @param localType     the local candidate's type
     * @param localAddress  the local candidate's address
     * @param remoteType    the remote candidate's type
     * @param remoteAddress the remote candidate's address
     */
    public record CandidatePair(String localType, String localAddress, String remoteType, String remoteAddress) {
        public CandidatePair {
            Objects.requireNonNull(localType, "localType");
            Objects.requireNonNull(localAddress, "localAddress");
            Objects.requireNonNull(remoteType, "remoteType");
            Objects.requireNonNull(remoteAddress, "remoteAddress");
        }
    }
}
