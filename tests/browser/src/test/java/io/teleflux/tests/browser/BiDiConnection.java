package io.teleflux.tests.browser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebDriver BiDi connection (W3C WebDriver BiDi, "transport" and "protocol" sections) over the JDK's WebSocket
 * client: commands are {@code {"id", "method", "params"}} text messages; the browser answers each with {@code
 * {"type": "success", "id", "result"}} or {@code {"type": "error", "id", "error", "message"}}, and sends {@code
 * {"type": "event", "method", "params"}} for the events the session subscribed to. Every command has a timeout.
 */
final class BiDiConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BiDiConnection.class);

    /** A command the browser answered with an error (or that failed on the way). */
    static final class BiDiException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BiDiException(String message) {
            super(message);
        }

        BiDiException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Consumer<JsonNode> events;
    private final WebSocket socket;
    private final Duration timeout;

    private BiDiConnection(URI uri, Duration timeout, Consumer<JsonNode> events) {
        this.timeout = timeout;
        this.events = events;
        try {
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .connectTimeout(timeout)
                    .buildAsync(uri, new Receiver())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BiDiException("interrupted while connecting to " + uri, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BiDiException("could not connect to " + uri, e);
        }
    }

    /** Connects to a BiDi endpoint ({@code ws://host:port/session}); {@code events} gets every event message. */
    static BiDiConnection open(URI uri, Duration timeout, Consumer<JsonNode> events) {
        return new BiDiConnection(uri, timeout, events);
    }

    ObjectMapper json() {
        return json;
    }

    /** Sends a command and waits (at most the connection's timeout) for its result object. */
    JsonNode send(String method, ObjectNode params) {
        return send(method, params, timeout);
    }

    /** Sends a command and waits at most {@code limit} for its result object. */
    JsonNode send(String method, ObjectNode params, Duration limit) {
        long id = ids.incrementAndGet();
        ObjectNode command = json.createObjectNode().put("id", id).put("method", method);
        command.set("params", params);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(json.writeValueAsString(command), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BiDiException(method + ": interrupted", e);
        } catch (TimeoutException e) {
            throw new BiDiException(method + ": no answer within " + limit, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BiDiException b ? b : new BiDiException(method + ": " + e.getCause(), e.getCause());
        } catch (JsonProcessingException e) {
            throw new BiDiException(method + ": cannot encode the command", e);
        } finally {
            pending.remove(id);
        }
    }

    private void onMessage(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            log.warn("BiDi: unreadable message {}", text);
            return;
        }
        String type = message.path("type").asText();
        if ("event".equals(type)) {
            try {
                events.accept(message);
            } catch (RuntimeException e) {
                log.warn("BiDi: event handler failed", e);
            }
            return;
        }
        CompletableFuture<JsonNode> answer = message.has("id") ? pending.get(message.get("id").asLong()) : null;
        if (answer == null) {
            log.debug("BiDi: unexpected message {}", text);
        } else if ("success".equals(type)) {
            answer.complete(message.path("result"));
        } else {
            answer.completeExceptionally(new BiDiException(message.path("error").asText(type) + ": "
                    + message.path("message").asText()));
        }
    }

    private void failPending(String why) {
        pending.values().forEach(f -> f.completeExceptionally(new BiDiException(why)));
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("BiDi: close failed: {}", e.toString());
        } finally {
            socket.abort();
            failPending("the BiDi connection was closed");
        }
    }

    /** Collects the (possibly fragmented) text messages and hands each whole one to {@link #onMessage}. */
    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                String text = parts.toString();
                parts.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failPending("the browser closed the BiDi connection (" + statusCode + " " + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failPending("BiDi connection error: " + error);
        }
    }
}
