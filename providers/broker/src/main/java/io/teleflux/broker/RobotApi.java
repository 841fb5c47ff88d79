package io.teleflux.broker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teleflux.webrtc.IceServer;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** The robot's calls to the broker, authenticated with {@code X-Robot-API-Key}. */
final class RobotApi {

    private static final Logger log = LoggerFactory.getLogger(RobotApi.class);

    /** A registered session: its id and the SFU's answer to the robot's offer. */
    record Registration(String sessionId, String sdpAnswer) {
    }

    private final BrokerConfig config;
    private final BrokerHttp http;

    RobotApi(BrokerConfig config) {
        this.config = config;
        this.http = new BrokerHttp(config.brokerUrl(), Map.of("X-Robot-API-Key", config.apiKey()),
                config.requestTimeout());
    }

    /** The broker's TURN servers; the configured STUN server when the broker has none or the call fails. */
    Mono<List<IceServer>> iceServers() {
        List<IceServer> stunOnly = config.stunUrl().map(IceServer::stun).map(List::of).orElse(List.of());
        return http.exchange("GET", "sessions/turn-credentials", null)
                .map(r -> {
                    if (r.status() != 200) {
                        log.warn("TURN credentials: broker replied {}; using STUN only", r.status());
                        return stunOnly;
                    }
                    List<IceServer> servers = IceServers.parse(r.json());
                    return servers.isEmpty() ? stunOnly : servers;
                })
                .onErrorResume(e -> {
                    log.warn("TURN credentials unavailable ({}); using STUN only", e.toString());
                    return Mono.just(stunOnly);
                });
    }

    /** {@code POST /sessions} with the robot's non-trickle offer. */
    Mono<Registration> register(String sdpOffer) {
        ObjectNode body = BrokerHttp.object();
        config.robotId().ifPresent(id -> body.put("robot_id", id));
        body.put("robot_name", config.robotName());
        body.put("transport", "cloudflare");
        config.robotType().ifPresent(t -> body.put("robot_type", t));
        body.put("sdp_offer", sdpOffer);
        return http.exchange("POST", "sessions", body).map(r -> {
            if (!r.ok()) {
                throw new BrokerException("broker session create failed: " + r.status() + " "
                        + BrokerException.quote(r.body()), r.status());
            }
            var json = r.json();
            return new Registration(BrokerHttp.required(json, "session_id"), BrokerHttp.required(json, "sdp_answer"));
        });
    }

    /** {@code POST /sessions/{id}/heartbeat {}}; any reply is a value. */
    Mono<BrokerHttp.Reply> heartbeat(String sessionId) {
        return http.exchange("POST", "sessions/" + sessionId + "/heartbeat", BrokerHttp.object());
    }

    /** {@code POST /sessions/{id}/renegotiate-robot {sdp_answer}}. */
    Mono<Void> renegotiate(String sessionId, String sdpAnswer) {
        ObjectNode body = BrokerHttp.object().put("sdp_answer", sdpAnswer);
        return http.call("POST", "sessions/" + sessionId + "/renegotiate-robot", body).then();
    }

    /** {@code DELETE /sessions/{id}}, best effort: failures are logged, never signalled. */
    Mono<Void> delete(String sessionId) {
        return http.exchange("DELETE", "sessions/" + sessionId, null)
                .doOnNext(r -> {
                    if (!r.ok() && r.status() != 404) {
                        log.info("broker session {} delete: {}", sessionId, r.status());
                    }
                })
                .then()
                .onErrorResume(e -> {
                    log.info("broker session {} delete failed: {}", sessionId, e.toString());
                    return Mono.empty();
                });
    }
}
