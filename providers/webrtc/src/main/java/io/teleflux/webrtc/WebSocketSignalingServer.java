package io.teleflux.webrtc;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.util.concurrent.Queues;

/**
 * A minimal signaling server for {@link Signaling#webSocket(URI)}: WebSocket paths {@code /<room>/robot} and
 * {@code /<room>/operator}; per room it pairs the oldest waiting robot with the oldest waiting operator, tells both
 * {@code {"type":"paired"}}, then relays every text frame to the partner unchanged. When one side leaves, the
 * partner's socket is closed. It keeps no state beyond the connections, and authenticates no one: run it on a
 * trusted network or behind a proxy that does.
 *
 * <p>Needs {@code io.projectreactor.netty:reactor-netty-http} on the class path (an optional dependency of this
 * module; clients do not need it).
 */
public final class WebSocketSignalingServer implements Disposable {

    private static final Logger log = LoggerFactory.getLogger(WebSocketSignalingServer.class);
    /** Frames queued towards one client; a negotiation needs a few dozen. */
    private static final int OUTBOX_CAPACITY = 1024;
    /** The largest accepted frame: an SDP is a few KiB. */
    private static final int MAX_FRAME = 256 * 1024;

    private final DisposableServer server;
    private final Map<String, Deque<Connection>> waiting = new HashMap<>();

    private WebSocketSignalingServer(String host, int port) {
        this.server = HttpServer.create().host(host).port(port)
                .handle((request, response) -> {
                    String[] path = request.path().split("/");
                    if (path.length != 2 || path[0].isEmpty()
                            || !(path[1].equals("robot") || path[1].equals("operator"))) {
                        return response.status(404).send();
                    }
                    String room = path[0];
                    boolean robot = path[1].equals("robot");
                    return response.sendWebsocket((in, out) -> serve(room, robot, in, out));
                })
                .bindNow(Duration.ofSeconds(10));
    }

    /**
     * Starts a server on {@code host} (an address to bind, for example {@code 127.0.0.1} or {@code 0.0.0.0}) and
     * {@code port} (0 picks a free port).
     */
    public static WebSocketSignalingServer start(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        return new WebSocketSignalingServer(host, port);
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** The URI of {@code room} on this server, for {@link Signaling#webSocket(URI)}. */
    public URI uri(String room) {
        return URI.create("ws://" + server.host() + ":" + server.port() + "/" + room);
    }

    /** Stops listening and closes every connection. */
    @Override
    public void dispose() {
        server.disposeNow(Duration.ofSeconds(5));
    }

    @Override
    public boolean isDisposed() {
        return server.isDisposed();
    }

    private Mono<Void> serve(String room, boolean robot, WebsocketInbound in, WebsocketOutbound out) {
        Connection self = new Connection(room, robot);
        Connection partner;
        synchronized (waiting) {
            Deque<Connection> others = waiting.get(key(room, !robot));
            partner = others == null ? null : others.pollFirst();
            if (partner == null) {
                waiting.computeIfAbsent(key(room, robot), k -> new ArrayDeque<>()).addLast(self);
            } else {
                self.partner = partner;
                partner.partner = self;
            }
        }
        if (partner != null) {
            log.debug("signaling room {}: paired", room);
            partner.send(SignalingCodec.PAIRED);
            self.send(SignalingCodec.PAIRED);
        }
        in.aggregateFrames(MAX_FRAME).receive().asString()
                .doFinally(signal -> leave(self))
                .subscribe(self::relay, error -> log.debug("signaling room {}: {}", room, error.toString()));
        return out.sendString(self.outbox.asFlux()).then();
    }

    private void leave(Connection c) {
        synchronized (waiting) {
            Deque<Connection> queue = waiting.get(key(c.room, c.robot));
            if (queue != null && queue.remove(c) && queue.isEmpty()) {
                waiting.remove(key(c.room, c.robot));
            }
        }
        c.end();
        Connection partner = c.partner;
        if (partner != null) {
            partner.end();
        }
    }

    private static String key(String room, boolean robot) {
        return (robot ? "robot/" : "operator/") + room;
    }

    private static final class Connection {
        final String room;
        final boolean robot;
        final Sinks.Many<String> outbox =
                Sinks.many().unicast().onBackpressureBuffer(Queues.<String>get(OUTBOX_CAPACITY).get());
        volatile Connection partner;

        Connection(String room, boolean robot) {
            this.room = room;
            this.robot = robot;
        }

        void relay(String text) {
            Connection p = partner;
            if (p == null) {
                log.debug("signaling room {}: dropped a frame sent before pairing", room);
                return;
            }
            p.send(text);
        }

        void send(String text) {
            synchronized (outbox) {
                if (outbox.tryEmitNext(text) == Sinks.EmitResult.FAIL_OVERFLOW) {
                    outbox.tryEmitError(new IllegalStateException("signaling outbox overflow"));
                }
            }
        }

        void end() {
            synchronized (outbox) {
                outbox.tryEmitComplete();
            }
        }
    }
}
