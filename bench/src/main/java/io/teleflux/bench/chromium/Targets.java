package io.teleflux.bench.chromium;

import io.teleflux.webrtc.WebSocketSignalingServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The targets {@link ChromiumBenchMain} measures, on one browser; owns the chromium-java signaling server. */
final class Targets implements AutoCloseable {

    static final List<String> NAMES = List.of("chromium", "chromium-java");

    private final ChromiumLoopback chromium;
    private final AtomicInteger rooms = new AtomicInteger();
    private WebSocketSignalingServer signaling;

    Targets(ChromiumLoopback chromium) {
        this.chromium = chromium;
    }

    ChromiumBench.Target get(String name) {
        return switch (name) {
            case "chromium" -> new ChromiumBench.Target() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public ChromiumLink connect(boolean reliable, Duration timeout) {
                    return chromium.connect(reliable, timeout);
                }
            };
            case "chromium-java" -> new ChromiumBench.Target() {
                private final WebSocketSignalingServer server = signaling(); // started outside the setup time

                @Override
                public String name() {
                    return name;
                }

                @Override
                public ChromiumLink connect(boolean reliable, Duration timeout) {
                    return ChromiumJavaLink.connect(chromium, server.uri("bench-" + rooms.incrementAndGet()),
                            BenchChannels.forward(reliable), BenchChannels.back(reliable), timeout);
                }
            };
            default -> throw new IllegalArgumentException("unknown target '" + name + "'; known: " + NAMES);
        };
    }

    private synchronized WebSocketSignalingServer signaling() {
        if (signaling == null) {
            signaling = WebSocketSignalingServer.start("127.0.0.1", 0);
        }
        return signaling;
    }

    @Override
    public synchronized void close() {
        if (signaling != null) {
            signaling.dispose();
        }
    }
}
