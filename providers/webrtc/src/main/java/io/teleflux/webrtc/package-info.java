/**
 * The WebRTC provider: teleflux sessions over peer connections and data channels (webrtc-java, libwebrtc).
 *
 * <h2>Connect</h2>
 * <pre>{@code
 * InProcessSignaling lab = Signaling.inProcess("lab");            // or Signaling.webSocket(uri) across machines
 * Mono<Session> robot = Teleflux.robot(WebRtcConfig.of(lab.robot())).connect();
 * Mono<Session> operator = Teleflux.operator(WebRtcConfig.of(lab.operator())).connect();
 * }</pre>
 * Each connected session owns one peer connection. The <b>operator offers</b>, the robot answers: a robot waits for
 * operators, an operator decides when to connect. Every declared channel becomes a pre-negotiated data channel whose
 * id is its position (1..n) in the channel names sorted with {@link String#compareTo}; both ends must declare the
 * same channel names (the offer carries them, and the robot refuses a mismatch). A session is emitted once the peer
 * connection is connected and every channel is open.
 *
 * <h2>Threading</h2>
 * One {@code PeerConnectionFactory} per JVM, reference-counted by the providers that use it and disposed when the last
 * one stops, so the JVM can exit. libwebrtc runs every callback on one signaling thread shared by all peer
 * connections; this provider never blocks it and keeps every exception away from it
 * ({@link WebRtcSessions#callbackFailures()}). Inbound payloads are delivered on that thread, so subscribers must not
 * block (use {@code publishOn}). Negotiation and closing run on one control thread per peer connection
 * ({@code teleflux-webrtc-<n>}); each channel that a session sends on gets one sender thread
 * ({@code teleflux-webrtc-<n>-send-<channel>}) because {@code send()} is a blocking call into libwebrtc.
 *
 * <h2>Backpressure and flow control</h2>
 * Outbound payloads are requested from the publisher in batches of 64. A reliable channel stops requesting while its
 * send buffer holds more than {@link WebRtcConfig#sendHighWaterMark()} bytes (default 1 MiB), parking with a short
 * back-off until it drained below a quarter of it. An unreliable or partially reliable channel never waits: while its
 * buffer is above the mark, payloads are dropped and counted as {@link io.teleflux.ChannelStats#droppedOutbound()}. A
 * payload larger than the peer's {@code a=max-message-size} (65536 if the peer does not say, 262144 for libwebrtc
 * peers) ends its {@code send} with {@link io.teleflux.MessageTooLargeException} and never reaches libwebrtc.
 *
 * <h2>Lifecycle</h2>
 * A session's states are CONNECTING, then CONNECTED, then DISCONNECTED/CONNECTED as ICE loses and finds the path,
 * and CLOSED. FAILED (ICE or DTLS failed for good) ends the session with an error. When the peer closes, the
 * session closes too.
 */
package io.teleflux.webrtc;
