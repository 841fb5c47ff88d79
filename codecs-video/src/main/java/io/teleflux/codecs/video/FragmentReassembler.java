package io.teleflux.codecs.video;

import io.teleflux.MessageDecodingException;

/**
 * Puts {@link VideoFragment}s back together, one message at a time (fragments travel on an ordered reliable channel,
 * so they arrive in order). A fragment at offset 0 starts a message (abandoning an unfinished one: counted
 * incomplete); any other fragment must continue the current message exactly, or the message is dropped (counted
 * garbled) and the receiver waits for the next offset 0. Messages above {@code maxSize} are refused before any
 * buffer is allocated. Not thread-safe: one per subscription.
 */
final class FragmentReassembler {

    private final int maxSize;
    private final CompressedVideoStats stats;
    private long messageSeq;
    private byte[] buffer;
    private int received;

    FragmentReassembler(int maxSize, CompressedVideoStats stats) {
        this.maxSize = maxSize;
        this.stats = stats;
    }

    /** Takes one fragment payload; returns the whole message when this fragment completes it, else null. */
    byte[] accept(byte[] payload) {
        stats.countFragment();
        VideoFragment fragment;
        try {
            fragment = VideoFragment.decode(payload);
        } catch (MessageDecodingException e) {
            dropGarbled();
            return null;
        }
        if (fragment.offset() == 0) {
            if (buffer != null) {
                stats.countIncomplete();
                buffer = null;
            }
            if (fragment.totalLength() > maxSize) {
                stats.countMalformed();
                return null;
            }
            buffer = new byte[fragment.totalLength()];
            messageSeq = fragment.messageSeq();
            received = 0;
        } else if (buffer == null || fragment.messageSeq() != messageSeq || fragment.offset() != received
                || fragment.totalLength() != buffer.length) {
            dropGarbled();
            return null;
        }
        System.arraycopy(fragment.data(), 0, buffer, received, fragment.data().length);
        received += fragment.data().length;
        if (received == buffer.length) {
            byte[] whole = buffer;
            buffer = null;
            return whole;
        }
        return null;
    }

    private void dropGarbled() {
        stats.countGarbled();
        buffer = null;
    }
}
