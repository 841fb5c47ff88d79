package io.teleflux.broker.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The session endpoints of {@code /api/v1} (protocol section 3.2) with the hosted broker's Cloudflare semantics: the
 * built-in {@link Relay} plays the SFU, so {@code cf_session_id} names a relay leg.
 */
final class SessionApi {

    private static final Logger log = LoggerFactory.getLogger(SessionApi.class);
    /** How long a bridge waits for the relay's side of the operator connection to report connected. */
    static final Duration BRIDGE_CONNECT_WAIT = Duration.ofSeconds(5);

    private final BrokerOptions options;
    private final Authenticator auth;
    private final SessionRegistry sessions;
    private final Relay relay;
    private final RateLimiter limits;
    private final Clock clock;

    SessionApi(BrokerOptions options, Authenticator auth, SessionRegistry sessions, Relay relay, RateLimiter limits) {
        this.options = options;
        this.auth = auth;
        this.sessions = sessions;
        this.relay = relay;
        this.limits = limits;
        this.clock = options.clock();
    }

    /** {@code POST /sessions}: a robot registers with its complete SDP offer. */
    Mono<Exchange.Reply> register(HttpServerRequest request) {
        return auth.robot(request).flatMap(robot -> Exchange.body(request).defaultIfEmpty("").flatMap(text -> {
            limits.check(RateLimiter.Route.SESSION_JOIN, "robot " + robot.keyId());
            JsonNode body = Json.parseObject(text, false);
            String transport = Json.optionalString(body, "transport", "cloudflare");
            String robotName = Json.optionalString(body, "robot_name", "robot");
            String robotType = Json.optionalString(body, "robot_type", null);
            Json.optionalString(body, "robot_id", null); // the identity comes from the key
            if ("livekit".equals(transport)) {
                return Mono.error(ApiException.unavailable("LiveKit is not configured"));
            }
            if (!"cloudflare".equals(transport)) {
                return Mono.error(ApiException.unprocessable(
                        "Field 'transport' must be 'cloudflare' or 'livekit', was '" + transport + "'"));
            }
            String offer = offer(body);
            return relay.acceptRobot(robot.robotId(), offer)
                    .onErrorMap(e -> !(e instanceof ApiException), e -> relayFailure("robot offer", e))
                    .map(leg -> {
                        SessionRegistry.Registered r = sessions.register(robot, robotName, robotType, leg,
                                clock.instant());
                        r.replaced().forEach(BrokerSession.Detached::close);
                        log.info("robot {} registered session {} (relay leg {})", robot.robotId(),
                                r.session().id(), leg.id());
                        ObjectNode reply = Json.object()
                                .put("session_id", r.session().id())
                                .put("cf_session_id", leg.id())
                                .put("sdp_answer", leg.sdpAnswer());
                        reply.set("ice_servers", Json.iceServers(options.iceServers()));
                        return Exchange.Reply.created(reply);
                    });
        }));
    }

    /** {@code POST /sessions/{id}/heartbeat}: the ack carries the robot-side channel ids. */
    Mono<Exchange.Reply> heartbeat(HttpServerRequest request, String id) {
        return auth.robot(request).flatMap(robot -> Exchange.body(request).defaultIfEmpty("").map(text -> {
            JsonNode body = Json.parseObject(text, true);
            Double rtt = Json.optionalNumber(body, "rtt_ms");
            Double loss = Json.optionalNumber(body, "packet_loss_pct");
            Json.optionalNumber(body, "video_bitrate_kbps");
            Json.optionalNumber(body, "command_rate_hz");
            Json.optionalString(body, "safety_state", "nominal");
            Relay.ChannelIds ids = sessions.ofRobot(id, robot).robotHeartbeat(clock.instant(), rtt, loss);
            ObjectNode reply = Json.object().put("ack", true);
            putId(reply, "cmd_channel_subscriber_id", ids.cmd());
            putId(reply, "state_channel_subscriber_id", ids.state());
            putId(reply, "state_back_channel_publisher_id", ids.stateBack());
            putId(reply, "map_channel_publisher_id", ids.map());
            reply.putNull("renegotiate_offer");
            return Exchange.Reply.ok(reply);
        }));
    }

    /** {@code DELETE /sessions/{id}}: the robot ends its session. */
    Mono<Exchange.Reply> delete(HttpServerRequest request, String id) {
        return auth.robot(request).map(robot -> {
            BrokerSession session = sessions.ofRobot(id, robot);
            session.disconnect(clock.instant()).close();
            log.info("robot {} ended session {}", robot.robotId(), id);
            return Exchange.Reply.noContent();
        });
    }

    /** {@code POST /sessions/{id}/renegotiate-robot}: this relay never offers to the robot. */
    Mono<Exchange.Reply> renegotiateRobot(HttpServerRequest request, String id) {
        return auth.robot(request).flatMap(robot -> Exchange.body(request).defaultIfEmpty("").map(text -> {
            Json.requiredString(Json.parseObject(text, false), "sdp_answer");
            sessions.ofRobot(id, robot);
            throw ApiException.conflict("No pending robot offer");
        }));
    }

    /** {@code GET /sessions}: the caller's live sessions. */
    Mono<Exchange.Reply> list(HttpServerRequest request) {
        return auth.operator(request).map(operator -> {
            ArrayNode list = Json.array();
            sessions.listFor(operator, clock.instant(), options.robotHeartbeatTimeout())
                    .forEach(s -> list.add(info(s)));
            return Exchange.Reply.ok(list);
        });
    }

    /** {@code GET /sessions/{id}/status}. */
    Mono<Exchange.Reply> status(HttpServerRequest request, String id) {
        return auth.operator(request).map(operator ->
                Exchange.Reply.ok(info(sessions.ofOperator(id, operator).snapshot())));
    }

    /**
     * {@code POST /sessions/{id}/join}: {@code role} {@code operator} (the default) claims the single operator slot
     * atomically; any other role joins as a viewer (robot telemetry, map and video; no commands). Then the relay
     * answers the offer.
     */
    Mono<Exchange.Reply> join(HttpServerRequest request, String id) {
        return auth.operator(request).flatMap(operator -> Exchange.body(request).defaultIfEmpty("").flatMap(text -> {
            JsonNode body = Json.parseObject(text, false);
            String role = Json.optionalString(body, "role", "operator");
            String offer = offer(body);
            boolean control = "operator".equals(role);
            limits.check(RateLimiter.Route.SESSION_JOIN, "operator " + operator.email());
            BrokerSession session = sessions.ofOperator(id, operator);
            BrokerSession.Claim claim = control
                    ? session.claimOperator(operator.email(), clock.instant(), options.robotHeartbeatTimeout())
                    : session.claimViewer(operator.email(), clock.instant(), options.robotHeartbeatTimeout());
            claim.replaced().close();
            String robotLegId = session.robotLegId();
            return relay.acceptOperator(id, offer)
                    .onErrorMap(e -> !(e instanceof ApiException), e -> relayFailure("operator offer", e))
                    .doOnError(e -> session.releaseClaim(claim))
                    .doOnCancel(() -> session.releaseClaim(claim))
                    .map(leg -> {
                        if (!session.attach(claim, leg, clock.instant())) {
                            leg.close();
                            throw ApiException.conflict("The session place was lost while joining");
                        }
                        log.info("{} {} joined session {} (relay leg {})", control ? "operator" : "viewer",
                                operator.email(), id, leg.id());
                        ObjectNode reply = Json.object()
                                .put("cf_session_id", leg.id())
                                .put("sdp_answer", leg.sdpAnswer())
                                .put("robot_cf_session_id", robotLegId);
                        reply.set("ice_servers", Json.iceServers(options.iceServers()));
                        reply.put("role", control ? "operator" : "viewer");
                        return Exchange.Reply.ok(reply);
                    });
        }));
    }

    /**
     * {@code POST /sessions/{id}/bridge-datachannel}: fresh channel ids on both sides, plus the video offer. A viewer's
     * bridge has null {@code cmd_channel_id} and {@code state_channel_id}.
     */
    Mono<Exchange.Reply> bridge(HttpServerRequest request, String id) {
        return auth.operator(request).flatMap(operator -> {
            BrokerSession session = sessions.ofOperator(id, operator);
            BrokerSession.Member member = session.member(operator.email());
            // the operator may see "connected" a moment before the relay does: wait a little, as the hosted broker
            // retries Cloudflare's "not ready"
            return member.leg().whenConnected()
                    .timeout(BRIDGE_CONNECT_WAIT, Mono.error(() -> ApiException.conflict(
                            "Relay sessions not ready: the operator connection is not connected")))
                    .then(Mono.defer(() -> bridge(session, operator, member)));
        });
    }

    private Mono<Exchange.Reply> bridge(BrokerSession session, Identity.Operator operator,
            BrokerSession.Member member) {
        Relay.RobotLeg robotLeg = session.robotLeg();
        Relay.Bridge old = session.takeBridge(operator.email());
        if (old != null) {
            old.close(); // a re-bridge: the old channels close, every id is fresh
        }
        return relay.bridge(robotLeg, member.leg(), member.control())
                .onErrorMap(e -> !(e instanceof ApiException), e -> relayFailure("bridge", e))
                .map(bridge -> {
                    if (!session.installBridge(operator.email(), member.leg(), bridge)) {
                        bridge.close();
                        throw ApiException.conflict("The operator left while bridging");
                    }
                    robotLeg.hintIdsChanged(); // the robot's next ack carries the new ids: let it ask now
                    log.info("session {} bridged {}: robot ids {}, operator ids {}, video {}", session.id(),
                            operator.email(), bridge.robotIds(), bridge.operatorIds(), bridge.videoStatus());
                    Relay.ChannelIds ids = bridge.operatorIds();
                    ObjectNode reply = Json.object();
                    putId(reply, "cmd_channel_id", ids.cmd());
                    putId(reply, "state_channel_id", ids.state());
                    putId(reply, "state_back_channel_id", ids.stateBack());
                    putId(reply, "map_channel_id", ids.map());
                    if (bridge.videoOffer() == null) {
                        reply.putNull("video_offer");
                    } else {
                        reply.put("video_offer", bridge.videoOffer());
                    }
                    reply.put("video_status", bridge.videoStatus());
                    return Exchange.Reply.ok(reply);
                });
    }

    /** {@code POST /sessions/{id}/renegotiate-answer}: the operator's answer to the one-shot video offer. */
    Mono<Exchange.Reply> renegotiateAnswer(HttpServerRequest request, String id) {
        return auth.operator(request).flatMap(operator -> Exchange.body(request).defaultIfEmpty("").flatMap(text -> {
            String answer = Json.requiredString(Json.parseObject(text, false), "sdp_answer");
            BrokerSession session = sessions.ofOperator(id, operator);
            Relay.OperatorLeg leg = session.member(operator.email()).leg();
            session.takeVideoOffer(operator.email());
            return leg.acceptVideoAnswer(answer)
                    .onErrorMap(e -> !(e instanceof ApiException), e -> relayFailure("video answer", e))
                    .thenReturn(Exchange.Reply.ok(Json.object().put("ok", true)));
        }));
    }

    /** {@code POST /sessions/{id}/op-heartbeat}. */
    Mono<Exchange.Reply> operatorHeartbeat(HttpServerRequest request, String id) {
        return auth.operator(request).map(operator -> {
            sessions.ofOperator(id, operator).operatorHeartbeat(operator.email(), clock.instant());
            return Exchange.Reply.ok(Json.object().put("ack", true));
        });
    }

    /** {@code POST /sessions/{id}/leave}: frees the slot; the robot's ids go null in its next ack. */
    Mono<Exchange.Reply> leave(HttpServerRequest request, String id) {
        return auth.operator(request).flatMap(operator -> Exchange.body(request).defaultIfEmpty("").map(text -> {
            String reason = Json.optionalString(Json.parseObject(text, true), "reason", "user_initiated");
            BrokerSession session = sessions.ofOperator(id, operator);
            session.leave(operator.email()).close();
            log.info("operator {} left session {} ({})", operator.email(), id, reason);
            return Exchange.Reply.ok(Json.object().put("session_id", id).put("state", session.state().wire));
        }));
    }

    /** {@code GET /sessions/turn-credentials}, for robots and operators. */
    Mono<Exchange.Reply> turnCredentials(HttpServerRequest request) {
        return auth.robotOrOperator(request).map(who -> {
            limits.check(RateLimiter.Route.TURN_CREDENTIALS, who instanceof Identity.Robot r
                    ? "robot " + r.keyId() : "operator " + who.owner());
            ObjectNode reply = Json.object();
            reply.set("ice_servers", Json.iceServers(options.iceServers()));
            return Exchange.Reply.ok(reply);
        });
    }

    static ObjectNode info(BrokerSession.Snapshot s) {
        ObjectNode o = Json.object()
                .put("session_id", s.id())
                .put("robot_id", s.robotId())
                .put("robot_name", s.robotName())
                .put("robot_type", s.robotType())
                .put("state", s.state().wire)
                .put("transport", "cloudflare")
                .put("operator_id", s.operatorId())
                .put("viewers", s.viewers())
                .put("rtt_ms", s.rttMs())
                .put("packet_loss_pct", s.packetLossPct())
                .put("created_at", s.createdAt().toString());
        return o;
    }

    /** The body's {@code sdp_offer}, checked by {@link SdpShape} (422 otherwise). */
    private static String offer(JsonNode body) {
        return SdpShape.requireOffer(Json.requiredString(body, "sdp_offer"));
    }

    private static void putId(ObjectNode node, String field, Integer id) {
        if (id == null) {
            node.putNull(field);
        } else {
            node.put(field, id.intValue());
        }
    }

    private static ApiException relayFailure(String what, Throwable e) {
        log.warn("relay failed on the {}", what, e);
        String message = String.valueOf(e.getMessage());
        return ApiException.badGateway("Relay failed on the " + what + ": "
                + (message.length() > 200 ? message.substring(0, 200) : message));
    }
}
