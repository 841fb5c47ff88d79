package io.teleflux.bench.chromium;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

/**
 * Serves the loopback page from the classpath ({@code /chromium/}) on 127.0.0.1 with the headers that make it
 * cross-origin isolated ({@code Cross-Origin-Opener-Policy: same-origin}, {@code Cross-Origin-Embedder-Policy:
 * require-corp}): only then does Chromium give {@code performance.now()} 5 µs resolution instead of 100 µs.
 */
final class PageServer implements AutoCloseable {

    private static final Map<String, String> PAGES = Map.of(
            "/loopback.html", "text/html; charset=utf-8",
            "/loopback.js", "text/javascript; charset=utf-8");

    private final HttpServer server;

    private PageServer(HttpServer server) {
        this.server = server;
    }

    static PageServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", PageServer::serve);
            server.start();
            return new PageServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serve the Chromium loopback page on 127.0.0.1", e);
        }
    }

    /** The page's address. */
    URI page() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/loopback.html");
    }

    private static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String type = PAGES.get(path);
            byte[] body = null;
            if (type != null) {
                try (InputStream in = PageServer.class.getResourceAsStream("/chromium" + path)) {
                    body = in == null ? null : in.readAllBytes();
                }
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cross-Origin-Opener-Policy", "same-origin");
            exchange.getResponseHeaders().set("Cross-Origin-Embedder-Policy", "require-corp");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
