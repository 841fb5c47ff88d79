package io.teleflux.webrtc.peer;

import java.util.Arrays;

/**
 * Collects small payloads into one {@link FrameFormat#BATCH} frame of at most {@code capacity} bytes. Not thread-safe:
 * one sender thread owns it. It never decides when to send; the sender takes the frame when it has nothing queued
 * any more, or when the next payload does not fit.
 */
final class MessageCoalescer {

    private final byte[] buffer;
    /** Bytes used in {@link #buffer}, including the type byte; 0 when empty. */
    private int size;
    private int count;
    private int firstOffset;
    private int firstLength;

    /** @param capacity the largest frame, in bytes (at least 8) */
    MessageCoalescer(int capacity) {
        if (capacity < 8) {
            throw new IllegalArgumentException("capacity must be at least 8, was " + capacity);
        }
        this.buffer = new byte[capacity];
    }

    /** The largest frame this builds, in bytes. */
    int capacity() {
        return buffer.length;
    }

    /** Whether a payload of {@code length} bytes can be coalesced at all (fits into an empty batch). */
    boolean accepts(int length) {
        return FrameFormat.HEADER + FrameFormat.varintSize(length) + length <= buffer.length;
    }

    /**
     * Appends {@code payload}; false (nothing appended) if it does not fit into what is left, in which case the caller
     * takes the frame and adds again. The payload must be {@link #accepts accepted}.
     */
    boolean add(byte[] payload) {
        int start = size == 0 ? FrameFormat.HEADER : size;
        int entry = FrameFormat.varintSize(payload.length) + payload.length;
        if (start + entry > buffer.length) {
            return false;
        }
        int pos = FrameFormat.putVarint(buffer, start, payload.length);
        System.arraycopy(payload, 0, buffer, pos, payload.length);
        if (count == 0) {
            firstOffset = pos;
            firstLength = payload.length;
        }
        size = pos + payload.length;
        count++;
        return true;
    }

    /** Whether nothing is collected. */
    boolean isEmpty() {
        return count == 0;
    }

    /** How many payloads are collected. */
    int count() {
        return count;
    }

    /**
     * The collected payloads as one exact-size frame (a WHOLE frame if there is only one), and empties this. Call only
     * when not {@link #isEmpty()}.
     */
    byte[] take() {
        if (count == 0) {
            throw new IllegalStateException("nothing to take");
        }
        byte[] frame;
        if (count == 1) {
            frame = FrameFormat.whole(buffer, firstOffset, firstLength);
        } else {
            buffer[0] = FrameFormat.BATCH;
            frame = Arrays.copyOf(buffer, size);
        }
        size = 0;
        count = 0;
        return frame;
    }
}
