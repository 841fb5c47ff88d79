package io.teleflux.broker.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The browser operator page: the classpath directory {@value #ROOT} served at {@code /} ({@code index.html} for
 * {@code /} and for directories). Files are read once and cached; paths with {@code ..}, backslashes or encoded
 * characters are refused.
 */
final class StaticPages {

    static final String ROOT = "io/teleflux/broker/server/page/";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("webmanifest", "application/manifest+json"));

    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();
    private final Scheduler blocking;

    StaticPages(Scheduler blocking) {
        this.blocking = blocking;
    }

    /** Whether {@code request} is a page request: a GET or HEAD outside {@code /api/} and {@code /health}. */
    static boolean handles(HttpServerRequest request) {
        String method = request.method().name();
        String path = request.fullPath();
        return ("GET".equals(method) || "HEAD".equals(method)) && !path.startsWith("/api/")
                && !"/api".equals(path) && !"/health".equals(path);
    }

    Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        String path = request.fullPath();
        if (path.isEmpty() || path.endsWith("/")) {
            path = path + "index.html";
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        if (relative.contains("..") || relative.contains("\\") || relative.contains("%") || relative.contains("//")) {
            return notFound(response);
        }
        String resource = relative;
        return Mono.fromCallable(() -> cache.computeIfAbsent(resource, StaticPages::load))
                .subscribeOn(blocking)
                .flatMap(bytes -> bytes.isEmpty() ? Mono.from(notFound(response)) : Mono.from(send(response, resource,
                        bytes.get(), "HEAD".equals(request.method().name()))));
    }

    private static Publisher<Void> send(HttpServerResponse response, String resource, byte[] bytes, boolean head) {
        response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, contentType(resource))
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        return head ? response.send() : response.sendByteArray(Mono.just(bytes));
    }

    private static Publisher<Void> notFound(HttpServerResponse response) {
        byte[] body = "Not Found".getBytes(StandardCharsets.UTF_8);
        return response.status(HttpResponseStatus.NOT_FOUND)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .sendByteArray(Mono.just(body));
    }

    static String contentType(String resource) {
        int dot = resource.lastIndexOf('.');
        String ext = dot < 0 ? "" : resource.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static Optional<byte[]> load(String relative) {
        ClassLoader loader = StaticPages.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(ROOT + relative)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + ROOT + relative, e);
        }
    }
}
