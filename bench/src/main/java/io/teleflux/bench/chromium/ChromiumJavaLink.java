package io.teleflux.bench.chromium;

import io.teleflux.ChannelSpec;
import io.teleflux.Qos;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.webrtc.Signaling;
import io.teleflux.webrtc.WebRtcConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.Disposable;

/**
 * A Chromium page as the operator and a teleflux robot {@link Session} (the webrtc provider, default config: plain
 * WebRTC, no teleflux framing, what a browser gets) as the robot, meeting through the toolkit's WebSocket signaling:
 * the browser-to-toolkit path. The robot counts what it receives through the public session API and echoes pings
 * on the back channel; floods and pings run in the page.
 */
public final class ChromiumJavaLink implements ChromiumLink {

    private final ChromiumLoopback.Link page;
    private final Session robot;
    private final ChannelSpec forward;
    private final ChannelSpec back;
    private final Duration timeout;
    private final double setupMillis;
    private final LongAdder received = new LongAdder();
    private final Disposable counting;

    private ChromiumJavaLink(ChromiumLoopback.Link page, Session robot, ChannelSpec forward, ChannelSpec back,
                             Duration timeout, double setupMillis) {
        this.page = page;
        this.robot = robot;
        this.forward = forward;
        this.back = back;
        this.timeout = timeout;
        this.setupMillis = setupMillis;
        this.counting = robot.receive(forward).subscribe(p -> received.increment());
    }

    /**
     * Connects a robot session on {@code room} (a room of a {@link io.teleflux.webrtc.WebSocketSignalingServer}) and
     * the page as its operator, with {@code forward} (operator to robot) and {@code back} (robot to operator); blocks
     * until both ends are connected, at most {@code timeout}. Setup time is measured from here, in Java.
     *
     * @throws IllegalArgumentException if the channels' Qos is not {@link Qos#reliable()} or {@link Qos#unreliable()}
     *                                  (the page opens only those), differs between them, or {@code forward}'s name
     *                                  does not sort before {@code back}'s (the page expects ids 1 and 2)
     */
    public static ChromiumJavaLink connect(ChromiumLoopback chromium, URI room, ChannelSpec forward,
                                           ChannelSpec back, Duration timeout) {
        Qos qos = forward.qos();
        if (!qos.equals(back.qos()) || !(qos.equals(Qos.reliable()) || qos.equals(Qos.unreliable()))) {
            throw new IllegalArgumentException("the page opens reliable or unreliable channel pairs only, got "
                    + forward.qos() + " and " + back.qos());
        }
        if (forward.name().compareTo(back.name()) >= 0) {
            throw new IllegalArgumentException("the forward channel's name must sort before the back channel's "
                    + "(teleflux numbers channels by sorted name), got " + forward.name() + ", " + back.name());
        }
        long start = System.nanoTime();
        CompletableFuture<Session> robot = Teleflux.robot(WebRtcConfig.of(Signaling.webSocket(room)))
                .channels(List.of(forward, back)).connect().toFuture();
        ChromiumLoopback.Link page;
        try {
            page = chromium.connectJava(room + "/operator", List.of(forward.name(), back.name()), qos.isReliable(),
                    timeout);
        } catch (RuntimeException e) {
            robot.cancel(true);
            throw e;
        }
        try {
            Session session = robot.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new ChromiumJavaLink(page, session, forward, back, timeout, (System.nanoTime() - start) / 1e6);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            page.close();
            throw new IllegalStateException("interrupted while connecting the robot", e);
        } catch (ExecutionException | TimeoutException e) {
            page.close();
            robot.cancel(true);
            throw new IllegalStateException("the Java robot did not connect to the Chromium operator: " + e, e);
        }
    }

    /** Milliseconds from the robot's connect and the page's first step to both ends connected, timed in Java. */
    @Override
    public double setupMillis() {
        return setupMillis;
    }

    @Override
    public int maxMessageSize() {
        return page.maxMessageSize();
    }

    /** Payloads the Java robot received on the forward channel through the session API. */
    @Override
    public long received() {
        return received.sum();
    }

    @Override
    public long flood(int size, Duration duration) {
        return page.flood(size, duration);
    }

    /** The page pings; the Java robot echoes every forward payload on the back channel meanwhile. */
    @Override
    public RoundTrips pingPong(int warmUpRounds, int rounds, Duration perRound) {
        Disposable echo = robot.send(back, robot.receive(forward)).subscribe(v -> { }, e -> { });
        try {
            return page.pingPong(warmUpRounds, rounds, perRound);
        } finally {
            echo.dispose();
        }
    }

    /** Closes the page's peer connection and disposes the robot session (at most the connect timeout). */
    @Override
    public void close() {
        counting.dispose();
        try {
            page.close();
        } finally {
            robot.disposeNow(timeout);
        }
    }
}
