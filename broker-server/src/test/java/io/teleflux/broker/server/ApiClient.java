package io.teleflux.broker.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small java.net.http client for the broker's REST API in tests. */
final class ApiClient {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A response: status, the raw body, its JSON (null when empty or not JSON), content type, Retry-After. */
    record Response(int status, String body, JsonNode json, String contentType, String retryAfter) {
        String detail() {
            return json == null ? null : json.path("detail").asText(null);
        }
    }

    /**
     * HTTP/1.1 like the robot's own client ({@code BrokerHttp}) and browsers on {@code http://}: the JDK's default
     * HTTP/2 first sends an {@code Upgrade: h2c} request, and under load some of those never got an answer from the
     * HTTP/1.1 server (a 30 s timeout about one run in three).
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    ApiClient(URI base) {
        this.base = base;
    }

    Response robot(String method, String path, String apiKey, String body) {
        return send(method, path, "X-Robot-API-Key", apiKey, body);
    }

    Response operator(String method, String path, String token, String body) {
        return send(method, path, "Authorization", token == null ? null : "Bearer " + token, body);
    }

    Response anonymous(String method, String path, String body) {
        return send(method, path, null, null, body);
    }

    Response send(String method, String path, String header, String value, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (header != null && value != null) {
            b.header(header, value);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            String type = r.headers().firstValue("content-type").orElse("");
            if (type.startsWith("application/json") && !r.body().isEmpty()) {
                json = MAPPER.readTree(r.body());
            }
            return new Response(r.statusCode(), r.body(), json, type,
                    r.headers().firstValue("retry-after").orElse(null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object... keyValues) {
        var node = MAPPER.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            node.set((String) keyValues[i], MAPPER.valueToTree(keyValues[i + 1]));
        }
        return node.toString();
    }
}
