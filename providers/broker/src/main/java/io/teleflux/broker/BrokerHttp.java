package io.teleflux.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * JSON over HTTP to the broker's {@code /api/v1} routes, with the JDK client. One client (and one small daemon pool)
 * serves the whole JVM, so sessions that come and go leave no threads behind.
 */
final class BrokerHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A reply: status and body text. */
    record Reply(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            if (body == null || body.isBlank()) {
                return JSON.createObjectNode();
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new BrokerException("broker replied " + status + " with malformed JSON: " + BrokerException.quote(body),
                        status, e);
            }
        }
    }

    private static final class Shared {
        static final AtomicInteger THREADS = new AtomicInteger();
        static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "teleflux-broker-http-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .executor(POOL)
                // HTTP/1.1: the JDK's default h2c upgrade on plain http is not understood by every server
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private final URI api;
    private final Map<String, String> headers;
    private final Duration timeout;

    /**
     * @param brokerUrl the broker base URL; routes are resolved below {@code /api/v1}
     * @param headers   sent with every request (the credential)
     */
    BrokerHttp(URI brokerUrl, Map<String, String> headers, Duration timeout) {
        String base = brokerUrl.toString();
        this.api = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/");
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
    }

    /** One request; a reply of any status is a value, a failure to get one is a {@link BrokerException} with status 0. */
    Mono<Reply> exchange(String method, String path, JsonNode body) {
        return Mono.defer(() -> {
            HttpRequest.Builder req = HttpRequest.newBuilder(api.resolve(path)).timeout(timeout)
                    .header("Accept", "application/json");
            headers.forEach(req::header);
            if (body != null) {
                req.header("Content-Type", "application/json");
                req.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            } else {
                req.method(method, HttpRequest.BodyPublishers.noBody());
            }
            // a cancelled exchange is left to finish (bounded by the timeout): cancelling the JDK future only makes it
            // fail later with nobody listening
            return Mono.fromFuture(() -> Shared.CLIENT.sendAsync(req.build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)), true)
                    .map(r -> new Reply(r.statusCode(), r.body()))
                    .onErrorMap(e -> !(e instanceof BrokerException),
                            e -> new BrokerException(method + " " + path + " failed: " + e, 0, e));
        });
    }

    /** One request whose reply must be 2xx; otherwise a {@link BrokerException} quoting the reply. */
    Mono<JsonNode> call(String method, String path, JsonNode body) {
        return exchange(method, path, body).map(r -> {
            if (!r.ok()) {
                throw failure(method, path, r);
            }
            return r.json();
        });
    }

    static BrokerException failure(String method, String path, Reply r) {
        return new BrokerException(method + " /api/v1/" + path + " failed: " + r.status() + " "
                + BrokerException.quote(r.body()), r.status());
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A text member, or null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** An integer member, or null when absent or JSON null. */
    static Integer integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() && !v.isTextual()) {
            throw new BrokerException("broker sent a non-integer " + field + ": " + BrokerException.quote(v.toString()), 200);
        }
        return v.isTextual() ? Integer.valueOf(v.asText().strip()) : v.asInt();
    }

    /** A text member that must be there. */
    static String required(JsonNode node, String field) {
        String v = text(node, field);
        if (v == null) {
            throw new BrokerException("broker reply lacks '" + field + "'", 200);
        }
        return v;
    }
}
