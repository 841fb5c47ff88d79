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
 * peers) ends its {@code send} with {@link io.teleflux.MessageTooLargeException} and never reaches libwebrtc, unless
 * fragmentation applies (below). Flow control counts data channel messages, so it covers batches and fragments too.
 *
 * <h2>Framing: fragmentation and coalescing (teleflux to teleflux)</h2>
 * Two opt-in features change the wire, so they are used only when both ends are teleflux and enabled them:
 * {@link WebRtcConfig#withFragmentation(boolean)} and {@link WebRtcConfig#withCoalescing(boolean)} (both off by
 * default). The operator's offer lists the features it enabled ({@code "framing":"fragment,coalesce"} next to
 * {@code "channels"}); the robot answers with those it enabled too, and both ends use the answer's list. A browser or
 * any other plain peer sends no such list and gets none, so it always sees plain WebRTC: one payload per data channel
 * message, unchanged.
 * <p>With at least one feature negotiated, every data channel message on every channel of that peer connection is a
 * frame that starts with a one-byte type, so no payload can be mistaken for framing:
 * <pre>
 * type  name    body
 * 0x00  WHOLE   the payload, unchanged
 * 0x01  BATCH   one or more entries: length (unsigned LEB128, 1-5 bytes), then that many payload bytes
 * 0x02  FIRST   total payload length (4 bytes, big-endian), then the first chunk (shorter than the total)
 * 0x03  MIDDLE  the next chunk
 * 0x04  LAST    the last chunk; FIRST + MIDDLE* + LAST chunks add up to the total exactly
 * </pre>
 * <ul>
 *   <li><b>Fragmentation</b> (reliable ordered channels only): a payload above the peer's limit less the one-byte
 *   header (262143 B for libwebrtc) is sent as FIRST, MIDDLE*, LAST frames of at most 64 KiB each, consecutively, with
 *   flow control before each; the receiver delivers it as one payload. The channel's
 *   {@link io.teleflux.ChannelSpec#maxMessageSize()} bounds the payload on both ends: the sender's session refuses a
 *   larger one, and the receiver discards a sequence whose announced total exceeds its own limit before buffering it.
 *   On other channels, and when not negotiated, the limit stays the peer's (less the header when framed) and a larger
 *   payload fails with {@code MessageTooLargeException}.</li>
 *   <li><b>Coalescing</b> (every channel): payloads already queued for a channel go out as one BATCH frame of at most
 *   16 KiB (reliable) or 1 KiB (otherwise: one SCTP packet, so a lost packet loses no more payloads than SCTP's own
 *   bundling would). The sender never waits for more payloads: a batch is sent as soon as the sender thread has
 *   nothing queued, when the next payload does not fit, or when the publisher completes (before its {@code send}
 *   completes). A lone payload goes out as a WHOLE frame.</li>
 * </ul>
 * A receiver never throws on bad framing: an empty message, an unknown type, a batch with a truncated entry, or a
 * fragment sequence that is out of order, truncated, too long or above the limit is discarded and counted once in
 * {@link WebRtcSessions#framingDrops}; reassembly buffers only what arrived, for one sequence per channel at a time.
 *
 * <h2>Video (opt-in)</h2>
 * <pre>{@code
 * WebRtcConfig robot = WebRtcConfig.of(lab.robot()).withVideo(VideoOptions.defaults());    // and the operator's
 * Mono<Void> camera = robotSession.sendVideo(frames);          // Flux<Frame>, any pixel format
 * Flux<Frame> video = operatorSession.receiveVideo();          // I420; release each frame
 * }</pre>
 * With {@link WebRtcConfig#withVideo} on the operator, its offer carries one send-receive video section (before the
 * data section) with the codec preferences of {@link VideoOptions#codecs()} (default H.264 constrained baseline, then
 * VP8); a robot with video enabled sends its track on it, one without answers receive-only. Without it the offer has
 * no video and the session is data-only, unchanged. Each end's track is a webrtc-java {@code CustomVideoSource}:
 * libwebrtc's encoder (OpenH264 or libvpx) starts with the first frame, at its size, and answers the far end's
 * keyframe requests (PLI/FIR) itself.
 * <ul>
 *   <li><b>Sending</b>: {@code sendVideo} takes over each frame's reference; frames are converted to I420 (odd sizes
 *   cropped to even), and only the latest is kept: a pusher thread ({@code teleflux-webrtc-<n>-video}) pushes it at
 *   most {@link VideoOptions#maxFramesPerSecond()} times a second (default 30); overwritten frames are released and
 *   counted ({@link WebRtcSessions#videoFramesDropped}). One {@code sendVideo} at a time per session.</li>
 *   <li><b>Receiving</b>: {@code receiveVideo} is hot; each decoded frame is copied out of libwebrtc (whose frame is
 *   released at once) into an I420 {@link io.teleflux.video.Frame}, and every subscriber gets its own reference on
 *   libwebrtc's decoder thread (do not block it); latest wins for a slow subscriber, overwritten frames are
 *   released.</li>
 *   <li><b>Latency</b>: measured with {@link io.teleflux.video.LatencyStamp} by {@code ./teleflux bench harness
 *   video} (640&times;480 at 30 fps, H.264, Java to Java on one machine: p50 about 50 ms).</li>
 * </ul>
 *
 * <h2>Lifecycle</h2>
 * A session's states are CONNECTING, then CONNECTED, then DISCONNECTED/CONNECTED as ICE loses and finds the path,
 * and CLOSED. FAILED (ICE or DTLS failed for good) ends the session with an error. When the peer closes, the
 * session closes too.
 */
package io.teleflux.webrtc;
