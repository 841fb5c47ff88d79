package io.teleflux.tests.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A static HTTP server on 127.0.0.1 (any free port) serving classpath resource folders at {@code /}; the first folder
 * that holds a path wins. Used for the page's unit tests, which need an http origin (ES modules do not load from
 * {@code file:}) but no broker.
 */
final class PageServer implements AutoCloseable {

    /** Where the broker server keeps the operator page in its jar. */
    static final String PAGE_ROOT = "io/teleflux/broker/server/page/";

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json");

    private final HttpServer server;
    private final List<String> roots;

    private PageServer(List<String> roots) throws IOException {
        this.roots = List.copyOf(roots);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Serves the given classpath folders (each ending in '/'). */
    static PageServer serving(String... roots) {
        try {
            return new PageServer(List.of(roots));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(1);
            if (path.isEmpty()) {
                path = "index.html";
            }
            if (path.contains("..") || !"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            for (String root : roots) {
                try (InputStream in = PageServer.class.getClassLoader().getResourceAsStream(root + path)) {
                    if (in == null) {
                        continue;
                    }
                    byte[] body = in.readAllBytes();
                    String ext = path.substring(path.lastIndexOf('.') + 1);
                    exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
                    exchange.getResponseHeaders().set("Cache-Control", "no-store");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                    return;
                }
            }
            exchange.sendResponseHeaders(404, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
