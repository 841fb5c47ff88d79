package io.teleflux.webrtc;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns a libwebrtc stats report into {@link WebRtcStats}. webrtc-java maps uint64 members to {@code BigInteger},
 * uint32 to {@code Long} and doubles to {@code Double}, so every number is read as a {@link Number}.
 */
final class StatsReader {

    private StatsReader() {
    }

    static WebRtcStats read(RTCStatsReport report) {
        Map<String, RTCStats> all = report.getStats();
        long messagesSent = 0;
        long bytesSent = 0;
        long messagesReceived = 0;
        long bytesReceived = 0;
        String selectedPairId = null;
        for (RTCStats s : all.values()) {
            if (s.getType() == RTCStatsType.DATA_CHANNEL) {
                Map<String, Object> a = s.getAttributes();
                messagesSent += number(a.get("messagesSent"));
                bytesSent += number(a.get("bytesSent"));
                messagesReceived += number(a.get("messagesReceived"));
                bytesReceived += number(a.get("bytesReceived"));
            } else if (s.getType() == RTCStatsType.TRANSPORT
                    && s.getAttributes().get("selectedCandidatePairId") instanceof String id) {
                selectedPairId = id;
            }
        }
        Optional<Duration> rtt = Optional.empty();
        OptionalLong bitrate = OptionalLong.empty();
        Optional<WebRtcStats.CandidatePair> pair = Optional.empty();
        RTCStats selected = selectedPairId == null ? null : all.get(selectedPairId);
        if (selected != null) {
            Map<String, Object> a = selected.getAttributes();
            if (a.get("currentRoundTripTime") instanceof Number seconds) {
                rtt = Optional.of(Duration.ofNanos(Math.round(seconds.doubleValue() * 1e9)));
            }
            if (a.get("availableOutgoingBitrate") instanceof Number bps) {
                bitrate = OptionalLong.of(Math.round(bps.doubleValue()));
            }
            RTCStats local = all.get(String.valueOf(a.get("localCandidateId")));
            RTCStats remote = all.get(String.valueOf(a.get("remoteCandidateId")));
            if (local != null && remote != null) {
                pair = Optional.of(new WebRtcStats.CandidatePair(type(local), address(local), type(remote),
                        address(remote)));
            }
        }
        return new WebRtcStats(instant(report.getTimestamp()), messagesSent, bytesSent, messagesReceived,
                bytesReceived, rtt, bitrate, pair);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static String type(RTCStats candidate) {
        return String.valueOf(candidate.getAttributes().getOrDefault("candidateType", "unknown"));
    }

    private static String address(RTCStats candidate) {
        Map<String, Object> a = candidate.getAttributes();
        Object ip = a.getOrDefault("address", a.getOrDefault("ip", "?"));
        return ip + ":" + a.getOrDefault("port", "?");
    }

    /** libwebrtc stamps reports in microseconds since the Unix epoch. */
    private static Instant instant(long micros) {
        return micros <= 0 ? Instant.now() : Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }
}
