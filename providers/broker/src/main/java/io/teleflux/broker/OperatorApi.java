package io.teleflux.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teleflux.webrtc.IceServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** The operator's calls to the broker, authenticated with {@code Authorization: Bearer <ID token>}. */
final class OperatorApi {

    /** The join reply: the SFU's answer to the operator's offer. */
    record Joined(String sdpAnswer, List<IceServer> iceServers) {
    }

    /** The bridge reply: the operator-side channel ids and the one-shot video offer. */
    record Bridged(ChannelIdMap channels, String videoOffer, String videoStatus) {
    }

    private final BrokerHttp http;

    OperatorApi(URI brokerUrl, String bearerToken, Duration timeout) {
        this.http = new BrokerHttp(brokerUrl, Map.of("Authorization", "Bearer " + bearerToken), timeout);
    }

    /** {@code GET /sessions/turn-credentials}: the broker's ICE servers (empty if it has none). */
    Mono<List<IceServer>> iceServers() {
        return http.call("GET", "sessions/turn-credentials", null).map(IceServers::parse);
    }

    Mono<OperatorIdentity> me() {
        return http.call("GET", "auth/me", null).map(j -> new OperatorIdentity(BrokerHttp.required(j, "sub"),
                String.valueOf(BrokerHttp.text(j, "role"))));
    }

    Mono<List<RobotSessionInfo>> sessions() {
        return http.call("GET", "sessions", null).map(j -> {
            JsonNode list = j.isArray() ? j : j.path("sessions");
            List<RobotSessionInfo> out = new ArrayList<>();
            list.forEach(s -> out.add(RobotSessionInfo.parse(s)));
            return List.copyOf(out);
        });
    }

    Mono<Joined> join(String sessionId, String sdpOffer) {
        ObjectNode body = BrokerHttp.object().put("role", "operator").put("sdp_offer", sdpOffer);
        return http.call("POST", "sessions/" + sessionId + "/join", body)
                .map(j -> new Joined(BrokerHttp.required(j, "sdp_answer"), IceServers.parse(j)));
    }

    Mono<Bridged> bridge(String sessionId) {
        return http.call("POST", "sessions/" + sessionId + "/bridge-datachannel", null)
                .map(j -> new Bridged(ChannelIdMap.of(BrokerHttp.integer(j, "cmd_channel_id"),
                        BrokerHttp.integer(j, "state_channel_id"), BrokerHttp.integer(j, "state_back_channel_id"),
                        BrokerHttp.integer(j, "map_channel_id")), BrokerHttp.text(j, "video_offer"),
                        String.valueOf(BrokerHttp.text(j, "video_status"))));
    }

    Mono<Void> renegotiateAnswer(String sessionId, String sdpAnswer) {
        ObjectNode body = BrokerHttp.object().put("sdp_answer", sdpAnswer);
        return http.call("POST", "sessions/" + sessionId + "/renegotiate-answer", body).then();
    }

    Mono<BrokerHttp.Reply> heartbeat(String sessionId) {
        return http.exchange("POST", "sessions/" + sessionId + "/op-heartbeat", BrokerHttp.object());
    }

    Mono<Void> leave(String sessionId) {
        ObjectNode body = BrokerHttp.object().put("reason", "user_initiated");
        return http.call("POST", "sessions/" + sessionId + "/leave", body).then();
    }
}
