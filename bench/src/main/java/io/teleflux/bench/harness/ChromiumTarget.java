package io.teleflux.bench.harness;

import io.teleflux.bench.chromium.ChromiumJavaLink;
import io.teleflux.bench.chromium.ChromiumLink;
import io.teleflux.bench.chromium.ChromiumLoopback;
import io.teleflux.webrtc.WebSocketSignalingServer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The browser references, measured in the same run as the Java rows, with a headless Chromium page as the operator:
 * "chromium" is Chromium's own DataChannel loopback (two peer connections in the page, see {@link ChromiumLoopback}),
 * "chromium-java" the page with a teleflux webrtc robot session in this JVM, met through a
 * {@link WebSocketSignalingServer} on 127.0.0.1 (see {@link ChromiumJavaLink}). Floods and pings run inside the page,
 * so WebDriver is never timed, but the setup time includes one WebDriver command (about 1 ms). The page's sender
 * waits at the high mark on both kinds (a page cannot spin-drop), so its unreliable delivered ratio counts network
 * loss only. The browser starts with the target and quits on {@link #close()}.
 */
final class ChromiumTarget implements BenchTarget {

    private final boolean javaRobot;
    private final AtomicInteger rooms = new AtomicInteger();
    private final WebSocketSignalingServer signaling;
    private final ChromiumLoopback chromium;

    /** @param javaRobot true for "chromium-java" (a teleflux robot session), false for Chromium's own loopback */
    ChromiumTarget(boolean javaRobot) {
        this.javaRobot = javaRobot;
        this.signaling = javaRobot ? WebSocketSignalingServer.start("127.0.0.1", 0) : null;
        try {
            this.chromium = ChromiumLoopback.start();
        } catch (RuntimeException e) {
            if (signaling != null) {
                signaling.dispose();
            }
            throw e;
        }
    }

    @Override
    public String name() {
        return javaRobot ? "chromium-java" : "chromium";
    }

    @Override
    public BenchLink connect(ChannelKind kind, Duration timeout) {
        ChromiumLink link = javaRobot
                ? ChromiumJavaLink.connect(chromium, signaling.uri("bench-" + rooms.incrementAndGet()), kind.forward,
                        kind.back, timeout)
                : chromium.connect(kind.forward.qos().isReliable(), timeout);
        return new BenchLink() {
            @Override
            public long received() {
                return link.received();
            }

            @Override
            public long flood(int size, Duration duration) {
                return link.flood(size, duration);
            }

            @Override
            public Pinger echo(Consumer<byte[]> onEcho) {
                throw new UnsupportedOperationException("a Chromium link pings inside the page: ownRoundTrips");
            }

            @Override
            public Optional<long[]> ownRoundTrips(int warmUpRounds, int rounds, Duration perRound) {
                return Optional.of(link.pingPong(warmUpRounds, rounds, perRound).nanos());
            }

            @Override
            public void close() {
                link.close();
            }
        };
    }

    @Override
    public void close() {
        try {
            chromium.close();
        } finally {
            if (signaling != null) {
                signaling.dispose();
            }
        }
    }
}
