package io.teleflux.webrtc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/** One WebSocket to the signaling server; emitted by {@link #connect} once the server announced the peer. */
final class WebSocketSignalingSession implements SignalingSession, WebSocket.Listener {

    private static final Logger log = LoggerFactory.getLogger(WebSocketSignalingSession.class);
    /** Messages held until {@link #receive()} reads them; a negotiation needs a few dozen. */
    private static final int INBOX_CAPACITY = 1024;

    private final URI uri;
    private final MonoSink<SignalingSession> paired;
    private final Sinks.Many<SignalingMessage> inbox =
            Sinks.many().unicast().onBackpressureBuffer(Queues.<SignalingMessage>get(INBOX_CAPACITY).get());
    private final StringBuilder partial = new StringBuilder();
    private final Object sendLock = new Object();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
    private volatile WebSocket socket;
    private volatile boolean isPaired;
    private volatile boolean closed;

    private WebSocketSignalingSession(URI uri, MonoSink<SignalingSession> paired) {
        this.uri = uri;
        this.paired = paired;
    }

    static Mono<SignalingSession> connect(HttpClient client, URI uri) {
        return Mono.create(sink -> {
            WebSocketSignalingSession session = new WebSocketSignalingSession(uri, sink);
            sink.onCancel(session::abort);
            client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, session)
                    .whenComplete((ws, error) -> {
                        if (error != null) {
                            sink.error(new IllegalStateException("cannot reach the signaling server at " + uri,
                                    error));
                        } else if (session.closed) {
                            ws.abort();
                        }
                    });
        });
    }

    // ---- WebSocket.Listener (JDK HttpClient threads) ---------------------------------------------------------------

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            onFrame(text);
        }
        webSocket.request(1);
        return null;
    }

    private void onFrame(String text) {
        try {
            if (!isPaired) {
                if (SignalingCodec.isPaired(text)) {
                    isPaired = true;
                    paired.success(this);
                } else {
                    log.warn("signaling {}: ignored a message before the peer was paired", uri);
                }
                return;
            }
            synchronized (inbox) {
                if (inbox.tryEmitNext(SignalingCodec.decode(text)) == Sinks.EmitResult.FAIL_OVERFLOW) {
                    inbox.tryEmitError(new IllegalStateException("signaling inbox overflow"));
                }
            }
        } catch (IllegalArgumentException e) {
            log.warn("signaling {}: ignored a malformed message: {}", uri, e.getMessage());
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended(error);
    }

    private void ended(Throwable error) {
        closed = true;
        if (!isPaired) {
            paired.error(new IllegalStateException("the signaling server at " + uri + " closed before pairing",
                    error));
        }
        synchronized (inbox) {
            if (error == null) {
                inbox.tryEmitComplete();
            } else {
                inbox.tryEmitError(error);
            }
        }
    }

    // ---- SignalingSession -----------------------------------------------------------------------------------------

    @Override
    public Mono<Void> send(SignalingMessage message) {
        return Mono.fromRunnable(() -> {
            String text = SignalingCodec.encode(message);
            WebSocket ws = socket;
            synchronized (sendLock) {
                if (closed || ws == null) {
                    log.debug("signaling {}: not sent, the pipe is closed: {}", uri, message.getClass().getSimpleName());
                    return;
                }
                // the JDK WebSocket allows one outstanding send: chain them
                lastSend = lastSend.handle((r, e) -> null)
                        .thenCompose(x -> ws.sendText(text, true))
                        .whenComplete((r, e) -> {
                            if (e != null) {
                                log.debug("signaling {}: send failed: {}", uri, e.toString());
                            }
                        });
            }
        });
    }

    @Override
    public Flux<SignalingMessage> receive() {
        return inbox.asFlux();
    }

    @Override
    public Mono<Void> close() {
        return Mono.fromRunnable(() -> {
            WebSocket ws = socket;
            synchronized (sendLock) {
                if (ws != null && !closed) {
                    lastSend = lastSend.handle((r, e) -> null)
                            .thenCompose(x -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "closed"))
                            .orTimeout(2, TimeUnit.SECONDS)
                            .whenComplete((r, e) -> ws.abort());
                }
                ended(null);
            }
        });
    }

    private void abort() {
        closed = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }
}
