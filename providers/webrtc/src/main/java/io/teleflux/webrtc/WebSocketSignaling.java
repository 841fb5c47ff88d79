package io.teleflux.webrtc;

import io.teleflux.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * The client side of WebSocket signaling, on the JDK's {@code java.net.http} WebSocket (no extra dependency). One
 * WebSocket per peer connection, to {@code <room>/robot} or {@code <room>/operator}.
 */
record WebSocketSignaling(URI room) implements Signaling {

    WebSocketSignaling {
        Objects.requireNonNull(room, "room");
        String scheme = room.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("WebSocket signaling needs a ws: or wss: URI, was " + room);
        }
        String path = room.getPath();
        if (path == null || path.replace("/", "").isEmpty()) {
            throw new IllegalArgumentException("WebSocket signaling URI needs a room path, for example "
                    + "ws://host:8765/lab; was " + room);
        }
    }

    @Override
    public Mono<SignalingSession> open(Role role) {
        return Mono.defer(() -> {
            String base = room.toString().replaceAll("/+$", "");
            URI uri = URI.create(base + "/" + role.name().toLowerCase(Locale.ROOT));
            return WebSocketSignalingSession.connect(Client.HTTP, uri);
        });
    }

    /** One client for the JVM, created on first use; its threads are daemon threads. */
    private static final class Client {
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }
}
