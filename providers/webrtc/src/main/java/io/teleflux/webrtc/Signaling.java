package io.teleflux.webrtc;

import io.teleflux.Role;
import java.net.URI;
import reactor.core.publisher.Mono;

/**
 * How the two ends of a peer connection exchange offers, answers and ICE candidates. A signaling is a value (part of
 * a {@link WebRtcConfig}) that opens one {@link SignalingSession} per peer connection.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Implementations MUST be immutable and value-equal (records do).</li>
 *   <li>{@link #open(Role)} is cold. It MUST emit a session only once a peer of the other role is paired with it
 *   (so that the first message sent reaches that peer), and MUST give up the wait when cancelled.</li>
 * </ul>
 */
public interface Signaling {

    /** Pairs with a peer of the other role and emits the message pipe to it. See the class contract. */
    Mono<SignalingSession> open(Role role);

    /** An in-process signaling called {@code name}: its robot end pairs with its operator end in this JVM. */
    static InProcessSignaling inProcess(String name) {
        return new InProcessSignaling(name);
    }

    /**
     * A WebSocket signaling through a {@link WebSocketSignalingServer} (or any server that speaks its protocol).
     * {@code room} is the server URI with one path segment naming the room, for example
     * {@code ws://signal.example.org:8765/lab}; a session connects to {@code <room>/robot} or
     * {@code <room>/operator}, and the server pairs one robot with one operator per room.
     */
    static Signaling webSocket(URI room) {
        return new WebSocketSignaling(room);
    }
}
