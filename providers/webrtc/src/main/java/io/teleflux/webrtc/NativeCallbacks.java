package io.teleflux.webrtc;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard around every Java callback that libwebrtc calls: an exception thrown into native code aborts the JVM in
 * webrtc-java 0.14.0, so each body runs inside {@link #guard}, which logs and counts instead.
 */
final class NativeCallbacks {

    private static final Logger log = LoggerFactory.getLogger(NativeCallbacks.class);
    private static final AtomicLong FAILURES = new AtomicLong();

    private NativeCallbacks() {
    }

    /** Runs {@code body}; a {@code Throwable} it throws is logged and counted, never rethrown. */
    static void guard(String callback, Runnable body) {
        try {
            body.run();
        } catch (Throwable t) {
            FAILURES.incrementAndGet();
            log.error("webrtc callback {} threw; the exception was kept out of native code", callback, t);
        }
    }

    /** How many callback bodies threw since the JVM started. */
    static long failures() {
        return FAILURES.get();
    }
}
