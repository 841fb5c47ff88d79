package io.teleflux.bench.harness;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The raw baseline's send-side flow control, the same policy as the WebRTC provider's {@code DataChannelSender} so
 * that the comparison is fair: the buffered amount (a blocking call, as costly as a send) is read only after
 * {@link #CHECK_MESSAGES} messages or {@link #CHECK_BYTES} bytes. Above {@link #HIGH_WATER} a reliable channel parks
 * (50 µs back-off doubling to 2 ms) until the buffer drained below a quarter of the mark; an unreliable one drops
 * each message, re-reading the buffered amount per message until it is below the mark. One sending thread only.
 */
final class SendGate {

    static final long HIGH_WATER = 1024 * 1024;
    static final int CHECK_MESSAGES = 64;
    static final int CHECK_BYTES = 256 * 1024;
    private static final long MIN_BACKOFF_NANOS = 50_000;
    private static final long MAX_BACKOFF_NANOS = 2_000_000;
    /** A reliable channel that does not drain within this time is dead; the run fails instead of hanging. */
    private static final long DRAIN_DEADLINE_NANOS = 10_000_000_000L;

    private final LongSupplier bufferedAmount;
    private final boolean reliable;
    private long bytesSinceCheck;
    private int messagesSinceCheck;
    private boolean aboveMark;
    private long drops;
    private long waits;

    SendGate(LongSupplier bufferedAmount, boolean reliable) {
        this.bufferedAmount = bufferedAmount;
        this.reliable = reliable;
    }

    /** Before each message of {@code size} bytes: true to send it, false to drop it (unreliable only). */
    boolean admit(int size) {
        if (reliable) {
            awaitRoom();
        } else if (!hasRoom()) {
            drops++;
            return false;
        }
        bytesSinceCheck += size;
        messagesSinceCheck++;
        return true;
    }

    /** Messages dropped so far. */
    long drops() {
        return drops;
    }

    /** How often a reliable gate parked for the buffer to drain. */
    long waits() {
        return waits;
    }

    private boolean checkDue() {
        return bytesSinceCheck >= CHECK_BYTES || messagesSinceCheck >= CHECK_MESSAGES;
    }

    private long read() {
        bytesSinceCheck = 0;
        messagesSinceCheck = 0;
        return bufferedAmount.getAsLong();
    }

    private boolean hasRoom() {
        if (aboveMark || checkDue()) {
            aboveMark = read() > HIGH_WATER;
        }
        return !aboveMark;
    }

    private void awaitRoom() {
        if (!checkDue() || read() <= HIGH_WATER) {
            return;
        }
        waits++;
        long backoff = MIN_BACKOFF_NANOS;
        long deadline = System.nanoTime() + DRAIN_DEADLINE_NANOS;
        do {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the reliable channel's send buffer did not drain below "
                        + HIGH_WATER / 4 + " bytes within 10 s; is the channel still open?");
            }
            LockSupport.parkNanos(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
        } while (read() > HIGH_WATER / 4);
    }
}
