package io.teleflux.bench.chromium;

import io.teleflux.MessageTooLargeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriverException;

/**
 * A headless Chromium on the benchmark page, driven from Java through WebDriver: {@link #connect} links two
 * {@code RTCPeerConnection}s in the page to each other (Chromium's own DataChannel loopback, the harness's browser
 * reference); {@link ChromiumJavaLink} links the page, as operator, to a teleflux robot session instead.
 *
 * <p>Every measuring loop runs inside the page ({@code /chromium/loopback.js}), timed with {@code performance.now()}
 * in a cross-origin isolated page (5 µs resolution), so WebDriver's own latency (about a millisecond per command) is
 * never part of a figure. The channel layout matches the raw webrtc-java baseline: per kind a negotiated forward
 * channel (id 1) and back channel (id 2), unreliable = {@code ordered: false, maxRetransmits: 0}.
 *
 * <p>Runs WebRTC: call only inside a private network namespace ({@code ./teleflux netns ...}); see
 * {@code /work/shared/reference/webrtc-on-these-machines.md}. Not thread-safe: one caller at a time.
 */
public final class ChromiumLoopback implements AutoCloseable {

    private final HeadlessChromium chromium;
    private final PageServer server;
    private final JavascriptExecutor js;
    private Link open;

    private ChromiumLoopback(HeadlessChromium chromium, PageServer server) {
        this.chromium = chromium;
        this.server = server;
        this.js = chromium.driver();
    }

    /** Whether Debian's {@code chromium} and {@code chromium-driver} are installed (see {@link #start()}). */
    public static boolean available() {
        return HeadlessChromium.installed();
    }

    /**
     * Starts headless Chromium ({@code /usr/bin/chromium} via {@code /usr/bin/chromedriver}; override with the system
     * properties {@code teleflux.chromium} and {@code webdriver.chrome.driver}) on the loopback page.
     *
     * @throws IllegalStateException if Chromium is not installed or the page does not load
     */
    public static ChromiumLoopback start() {
        PageServer server = PageServer.start();
        HeadlessChromium chromium;
        try {
            chromium = HeadlessChromium.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        ChromiumLoopback loopback = new ChromiumLoopback(chromium, server);
        try {
            chromium.driver().get(server.page().toString());
            Object ready = loopback.js.executeScript("return typeof window.telefluxBench === 'object'");
            if (!Boolean.TRUE.equals(ready)) {
                throw new IllegalStateException("the Chromium loopback page did not load from " + server.page());
            }
            loopback.call(Duration.ofSeconds(30), "prepare"); // the microphone permission, see loopback.js
            return loopback;
        } catch (RuntimeException e) {
            loopback.close();
            throw e;
        }
    }

    /** The browser's version, for result headers. */
    public String browserVersion() {
        return chromium.version();
    }

    /** Whether the page is cross-origin isolated, i.e. its timer has 5 µs rather than 100 µs resolution. */
    public boolean preciseTimer() {
        return Boolean.TRUE.equals(js.executeScript("return window.telefluxBench.crossOriginIsolated()"));
    }

    /**
     * Connects a fresh operator/robot pair of peer connections in the page with the forward and back channel of one
     * kind, closing the previous pair; blocks until all four channel ends are open, at most {@code timeout}.
     *
     * @param reliable true for ordered, fully retransmitted channels; false for unordered with no retransmission
     */
    public Link connect(boolean reliable, Duration timeout) {
        if (open != null) {
            open.close();
        }
        Map<?, ?> r = (Map<?, ?>) call(timeout.plusSeconds(5), "connect", reliable, timeout.toMillis());
        open = new Link(reliable, number(r, "setupMillis"), (int) number(r, "maxMessageSize"));
        return open;
    }

    /** Closes the page's peer connections, the browser and the page server. */
    @Override
    public void close() {
        try {
            if (open != null) {
                open.close();
            }
        } finally {
            try {
                chromium.close();
            } finally {
                server.close();
            }
        }
    }

    /** Calls {@code window.telefluxBench[function](args...)} (which may return a promise) and returns its value. */
    private Object call(Duration timeout, String function, Object... args) {
        chromium.driver().manage().timeouts().scriptTimeout(timeout);
        Object result = js.executeAsyncScript(String.join("\n",
                "const done = arguments[arguments.length - 1];",
                "const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);",
                "Promise.resolve().then(() => window.telefluxBench['" + function + "'](...args))",
                "  .then(value => done({value: value === undefined ? null : value}),",
                "        e => done({error: String(e && e.message || e)}));"), args);
        if (!(result instanceof Map<?, ?> m)) {
            throw new IllegalStateException("telefluxBench." + function + " returned " + result);
        }
        if (m.get("error") != null) {
            throw new IllegalStateException("telefluxBench." + function + " failed in Chromium: " + m.get("error"));
        }
        return m.get("value");
    }

    private static double number(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("expected a number for '" + key + "', got " + v);
        }
        return n.doubleValue();
    }

    /**
     * Connects the page, as the operator, to a teleflux robot session through the toolkit's WebSocket signaling
     * ({@code operatorUrl} is the room's {@code .../<room>/operator} address) with two negotiated channels, ids 1 and
     * 2, named as given; the page counts nothing it receives (the robot is remote). See {@link ChromiumJavaLink}.
     */
    Link connectJava(String operatorUrl, List<String> channelNames, boolean reliable, Duration timeout) {
        if (open != null) {
            open.close();
        }
        Map<?, ?> r = (Map<?, ?>) call(timeout.plusSeconds(5), "connectJava", operatorUrl, reliable, channelNames,
                timeout.toMillis());
        open = new Link(reliable, number(r, "setupMillis"), (int) number(r, "maxMessageSize"));
        return open;
    }

    /**
     * One connected operator/robot pair in the page: both peer connections in the page (the robot counts), or the
     * operator's only ({@link #connectJava}).
     */
    public final class Link implements ChromiumLink {
        private final boolean reliable;
        private final double setupMillis;
        private final int maxMessageSize;
        private boolean closed;

        private Link(boolean reliable, double setupMillis, int maxMessageSize) {
            this.reliable = reliable;
            this.setupMillis = setupMillis;
            this.maxMessageSize = maxMessageSize;
        }

        /** Whether the channels are reliable (ordered, fully retransmitted). */
        public boolean reliable() {
            return reliable;
        }

        /**
         * Milliseconds from the first {@code new RTCPeerConnection()} to every channel end open, measured in the page
         * (the browser process is already running).
         */
        @Override
        public double setupMillis() {
            return setupMillis;
        }

        @Override
        public int maxMessageSize() {
            return maxMessageSize;
        }

        /** Messages the page's robot received on the forward channel since this link was connected. */
        @Override
        public long received() {
            checkOpen();
            return ((Number) js.executeScript("return window.telefluxBench.received()")).longValue();
        }

        @Override
        public long flood(int size, Duration duration) {
            checkOpen();
            if (size > maxMessageSize) {
                throw new MessageTooLargeException("bench-1", size, maxMessageSize);
            }
            return ((Number) call(duration.plusSeconds(30), "flood", size, duration.toMillis())).longValue();
        }

        @Override
        public RoundTrips pingPong(int warmUpRounds, int rounds, Duration perRound) {
            checkOpen();
            Duration bound = perRound.multipliedBy(warmUpRounds + (long) rounds).plusSeconds(30);
            Map<?, ?> r = (Map<?, ?>) call(bound, "pingPong", warmUpRounds, rounds, perRound.toMillis());
            List<?> micros = (List<?>) r.get("rtts");
            long[] nanos = new long[micros.size()];
            for (int i = 0; i < nanos.length; i++) {
                nanos[i] = Math.round(((Number) micros.get(i)).doubleValue() * 1000);
            }
            return new RoundTrips(nanos, (int) number(r, "lost"));
        }

        /** Closes the page's peer connections; the browser stays for the next link. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (open == this) {
                open = null;
            }
            try {
                call(Duration.ofSeconds(10), "close");
            } catch (WebDriverException e) {
                // the browser is gone already: nothing left to close in it
            }
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("the Chromium loopback link is closed");
            }
        }
    }
}
