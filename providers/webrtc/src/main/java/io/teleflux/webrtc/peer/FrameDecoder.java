package io.teleflux.webrtc.peer;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one data channel's inbound {@link FrameFormat} frames back into payloads: a WHOLE frame into one, a BATCH into
 * one per entry, a fragment sequence into one reassembled payload.
 *
 * <p>Never throws for bad input: a frame or fragment sequence that is empty, of an unknown type, truncated, out of
 * order, or whose total exceeds {@code maxPayload} is discarded and counted once in {@link #drops()}; the next
 * well-formed frame is decoded normally. At most one payload is being reassembled, and its buffer grows with the
 * bytes that actually arrived (never beyond {@code maxPayload}). Not thread-safe: libwebrtc calls
 * {@code onMessage} serially per channel; {@link #drops()} may be read from any thread.
 */
final class FrameDecoder {

    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);
    /** The first buffer of a reassembly, unless the total is smaller. */
    private static final int INITIAL_BUFFER = 256 * 1024;

    private final String channel;
    private final int maxPayload;
    private final Consumer<byte[]> deliver;
    private volatile long drops;

    // the fragment sequence in progress
    private byte[] partial;
    private int total;
    private int filled;
    /** Inside a sequence already discarded: its MIDDLE and LAST frames are skipped without counting. */
    private boolean discarding;

    /**
     * @param channel    the channel's name, for logs
     * @param maxPayload the largest payload reassembled (the channel's maximum message size)
     * @param deliver    receives each payload, an array it may keep
     */
    FrameDecoder(String channel, int maxPayload, Consumer<byte[]> deliver) {
        this.channel = channel;
        this.maxPayload = maxPayload;
        this.deliver = deliver;
    }

    /** Decodes one data channel message; reads {@code frame} from its position to its limit. */
    void decode(ByteBuffer frame) {
        if (!frame.hasRemaining()) {
            abandonSequence();
            drop("an empty message");
            return;
        }
        byte type = frame.get();
        switch (type) {
            case FrameFormat.WHOLE -> {
                abandonSequence();
                deliver.accept(copy(frame, frame.remaining()));
            }
            case FrameFormat.BATCH -> {
                abandonSequence();
                batch(frame);
            }
            case FrameFormat.FIRST -> {
                abandonSequence();
                first(frame);
            }
            case FrameFormat.MIDDLE -> next(frame, false);
            case FrameFormat.LAST -> next(frame, true);
            default -> {
                abandonSequence();
                drop("a frame of unknown type " + type);
            }
        }
    }

    /** Frames or fragment sequences discarded so far. */
    long drops() {
        return drops;
    }

    /** Whether a fragment sequence is being reassembled, for tests. */
    boolean reassembling() {
        return partial != null;
    }

    /** The capacity of the reassembly buffer, for tests; 0 when none. */
    int bufferCapacity() {
        return partial == null ? 0 : partial.length;
    }

    private void batch(ByteBuffer frame) {
        int start = frame.position();
        int entries = 0;
        while (frame.hasRemaining()) {
            int length = FrameFormat.getVarint(frame);
            if (length < 0 || length > frame.remaining()) {
                drop("a batch with a truncated entry");
                return;
            }
            frame.position(frame.position() + length);
            entries++;
        }
        if (entries == 0) {
            drop("an empty batch");
            return;
        }
        frame.position(start);
        while (frame.hasRemaining()) {
            deliver.accept(copy(frame, FrameFormat.getVarint(frame)));
        }
    }

    private void first(ByteBuffer frame) {
        if (frame.remaining() < 4) {
            drop("a first fragment without its length");
            discarding = true;
            return;
        }
        int announced = frame.getInt();
        int chunk = frame.remaining();
        if (announced < 0 || announced > maxPayload) {
            drop("a fragmented payload of " + Integer.toUnsignedString(announced) + " B, above the channel's "
                    + "maximum of " + maxPayload + " B");
            discarding = true;
            return;
        }
        if (chunk >= announced) {
            drop("a first fragment that holds the whole payload");
            discarding = true;
            return;
        }
        total = announced;
        partial = new byte[Math.min(total, Math.max(INITIAL_BUFFER, chunk))];
        frame.get(partial, 0, chunk);
        filled = chunk;
    }

    private void next(ByteBuffer frame, boolean last) {
        if (discarding) {
            discarding = !last;
            return;
        }
        if (partial == null) {
            drop("a fragment without a first fragment");
            discarding = !last;
            return;
        }
        int chunk = frame.remaining();
        long after = (long) filled + chunk;
        if (after > total || (last && after != total)) {
            drop("a fragment sequence whose chunks do not add up to its length of " + total + " B");
            partial = null;
            discarding = !last;
            return;
        }
        if (after > partial.length) {
            partial = Arrays.copyOf(partial, (int) Math.min(total, Math.max(after, 2L * partial.length)));
        }
        frame.get(partial, filled, chunk);
        filled += chunk;
        if (last) {
            byte[] payload = partial.length == total ? partial : Arrays.copyOf(partial, total);
            partial = null;
            deliver.accept(payload);
        }
    }

    /** A new frame that is not a MIDDLE or LAST ends any sequence: an unfinished one is discarded. */
    private void abandonSequence() {
        discarding = false;
        if (partial != null) {
            partial = null;
            drop("a fragment sequence that ended early (" + filled + " of " + total + " B)");
        }
    }

    private void drop(String what) {
        drops++;
        log.debug("channel {}: discarded {}", channel, what);
    }

    private static byte[] copy(ByteBuffer from, int length) {
        byte[] payload = new byte[length];
        from.get(payload);
        return payload;
    }
}
