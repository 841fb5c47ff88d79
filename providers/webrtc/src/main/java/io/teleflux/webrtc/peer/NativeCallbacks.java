package io.teleflux.webrtc.peer;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard around every Java callback that libwebrtc calls: an exception thrown into native code aborts the JVM in
 * webrtc-java 0.14.0, so each body runs inside {@link #guard}, which logs and counts instead.
 *
 * <p>Wrap the whole body of every {@code PeerConnectionObserver}, {@code RTCDataChannelObserver},
 * {@code CreateSessionDescriptionObserver}, {@code SetSessionDescriptionObserver}, {@code RTCStatsCollectorCallback}
 * and {@code VideoTrackSink} method:
 * <pre>{@code
 * public void onConnectionChange(RTCPeerConnectionState state) {
 *     NativeCallbacks.guard("onConnectionChange", () -> states.tryEmitNext(state));
 * }
 * }</pre>
 */
public final class NativeCallbacks {

    private static final Logger log = LoggerFactory.getLogger(NativeCallbacks.class);
    private static final AtomicLong FAILURES = new AtomicLong();

    private NativeCallbacks() {
    }

    /** Runs {@code body}; a {@code Throwable} it throws is logged and counted, never rethrown. */
    public static void guard(String callback, Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
            log.error("webrtc callback {} threw; the exception was kept out of native code", callback, t);
        }
    }

    /** How many callback bodies threw since the JVM started. */
    public static long failures() {
        return FAILURES.get();
    }
}
