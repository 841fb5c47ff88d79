/**
 * An embeddable teleop broker speaking the hosted-teleop REST API, with a built-in WebRTC relay in the place of the
 * Cloudflare SFU, and the browser operator page.
 *
 * <h2>Running it</h2>
 * {@link io.teleflux.broker.server.BrokerServer#start} with immutable {@link io.teleflux.broker.server.BrokerOptions}
 * (cold {@code Mono}; port 0 for an ephemeral port), or the program {@link io.teleflux.broker.server.BrokerMain}
 * ({@code --help}). Robot keys: {@link io.teleflux.broker.server.BrokerServer#createRobotKey}, {@code POST
 * /api/v1/keys} or {@code BrokerMain --create-key NAME}; operator tokens:
 * {@link io.teleflux.broker.server.BrokerServer#issueOperatorToken} (HS256 JWT) or static dev tokens.
 *
 * <h2>API</h2>
 * Everything under {@code /api/v1} (plus {@code GET /health}) as in the hosted broker with its Cloudflare transport:
 * {@code POST /sessions} answers the robot's complete offer ({@code {session_id, cf_session_id, sdp_answer,
 * ice_servers}}, {@code cf_session_id} naming the relay's leg), heartbeats ack with the robot's four channel ids (and
 * {@code renegotiate_offer: null}: there is no operator audio), {@code join} answers the operator's offer and claims
 * the session's single operator slot atomically (409 for a second operator; {@code role} other than
 * {@code operator} joins as one of at most 8 viewers, who get telemetry, map and video but no command channels),
 * {@code bridge-datachannel} returns the operator's ids and the video offer. Errors are {@code {"detail": "..."}}
 * with 401 (credentials), 403 (not the bound operator or a viewer), 404 (missing, or another tenant's: the same
 * answer), 409 (state), 422 (malformed body), 429 (rate limit, only when enforced), 502 (the relay could not apply an
 * SDP), 503 ({@code transport: "livekit"}). Sessions are in memory; keys in SQLite ({@code <data dir>/broker.db},
 * SHA-256 hashes only).
 *
 * <h2>Liveness</h2>
 * A robot silent for 30 s is reaped (session {@code disconnected}, its connections and channels closed); an operator
 * without op-heartbeat for 20 s is evicted (the robot's ids go null in its next ack); the reaper runs every 10 s. All
 * three and the clock are options.
 *
 * <h2>The relay</h2>
 * The relay terminates each robot's and each operator's peer connection (answering their non-trickle offers after
 * gathering its own candidates to completion). A bridge gives each side its own negotiated data channel ids: robot ids
 * are handed out from 1 (the robot keeps {@code _sctp_init} on 0), operator ids from 2 (a browser's non-negotiated
 * {@code _sctp_init} takes 0 or 1), always after the last ones used, so every rejoin gets fresh ids. The robot's two
 * outbound channels are shared by the operator's and the viewers' bridges (one robot-side id pair, renewed once the
 * last bridge closed); its two inbound ones belong to the operator's bridge. Each channel is forwarded in its one
 * direction only ({@code cmd_unreliable}, {@code state_reliable}: operator → robot; {@code state_reliable_back}, {@code
 * map_unreliable}: robot → operator and viewers), through a bounded queue per destination (8192 payloads reliable,
 * 1024 unreliable; overflow dropped and counted) and the destination channel's flow control; payloads are forwarded as
 * binary messages. The robot's video track is decoded and its frames are pushed into a track on the operator's
 * connection (re-encoded by libwebrtc with the codec the operator accepts); adding that track is the bridge's {@code
 * video_offer}, which the operator answers once with {@code renegotiate-answer}. Video is on demand: while no bridge
 * forwards it the relay does not receive the robot's video at all (its receiver is switched off by a local offer that
 * is never sent: nothing is decoded or re-encoded; the robot keeps sending and the packets are dropped); the first
 * bridge switches it on, which asks the robot for a keyframe (RTCP PLI), and the last one to close switches it off
 * again.
 *
 * <p>Heartbeat hint (a teleflux addition the hosted protocol lacks): a robot learns about joins and leaves only from
 * its next heartbeat ack, up to a second later. Whenever a robot's ids change (a bridge installed or closed) the relay
 * sends {@code {"type":"heartbeat_now"}} on the robot's negotiated placeholder channel (id 0), and a teleflux robot
 * heartbeats at once, so a join reaches the robot in a few tens of milliseconds instead of up to a second. Robots that
 * ignore the placeholder's messages (DimOS) keep their 1 Hz cadence and lose nothing. Every native callback is guarded;
 * connections are closed on leave, eviction, reaping, re-registration, {@code DELETE} and stop, on one control thread
 * in submission order (a bridge's channels before its connections).
 */
package io.teleflux.broker.server;
