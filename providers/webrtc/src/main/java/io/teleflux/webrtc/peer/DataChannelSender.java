package io.teleflux.webrtc.peer;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import io.teleflux.ChannelSpec;
import io.teleflux.MessageTooLargeException;
import io.teleflux.SessionClosedException;
import io.teleflux.TelefluxException;
import io.teleflux.spi.EndpointListener;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends one data channel's payloads on a dedicated thread, because webrtc-java's {@code send()} and
 * {@code getBufferedAmount()} are blocking calls into libwebrtc's network thread (20-90 µs each).
 *
 * <p>Payloads are requested from each publisher in batches of {@link #BATCH}. Each data channel message is an
 * exact-size heap array, because webrtc-java 0.14.0 sends a heap buffer's whole backing array (and a direct buffer's
 * whole capacity), ignoring position and limit. Without negotiated {@link Framing} a payload is sent unchanged as one
 * message; with it, as {@link FrameFormat} frames: a small payload is coalesced (if negotiated) with the payloads
 * queued behind it into one BATCH frame, which is sent as soon as no payload is queued behind the last one (counted
 * between the publishers and the sender thread) or when it is full, so it never waits for more payloads; a payload
 * above the peer's limit on a reliable ordered channel is sent as fragments (if negotiated); anything else as a
 * WHOLE frame.
 *
 * <p>Flow control counts data channel messages (batches, fragments). The buffered amount is read only after
 * {@link #CHECK_BYTES} bytes or {@link #CHECK_MESSAGES} messages, since each read costs as much as a send. Above the
 * high-water mark a reliable channel parks before its next message (50 µs back-off doubling to 2 ms) until the buffer
 * drained below a quarter of the mark, and requests nothing meanwhile; an unreliable channel drops and reports each
 * payload through {@link EndpointListener#onOutboundDropped}, re-reading the buffered amount per payload until it is
 * below the mark. The buffer can therefore exceed the mark by at most {@link #CHECK_BYTES} plus one message, far from
 * libwebrtc's 16 MiB per-stream limit that closes the channel.
 */
final class DataChannelSender {

    private static final Logger log = LoggerFactory.getLogger(DataChannelSender.class);

    /** Payloads requested from a publisher at a time. */
    static final int BATCH = 64;
    /** Bytes sent between two reads of the buffered amount. */
    static final int CHECK_BYTES = 256 * 1024;
    /** Messages sent between two reads of the buffered amount. */
    static final int CHECK_MESSAGES = 64;
    /** The largest coalesced message on a reliable channel. */
    static final int RELIABLE_BATCH_BYTES = 16 * 1024;
    /**
     * The largest coalesced message on an unreliable channel: fits one SCTP packet (libwebrtc's SCTP MTU is 1191 B),
     * so a lost packet loses no more payloads than SCTP's own bundling of small messages would.
     */
    static final int UNRELIABLE_BATCH_BYTES = 1024;
    /** The largest fragment message. */
    static final int FRAGMENT_BYTES = 64 * 1024;
    private static final long MIN_BACKOFF_NANOS = 50_000;
    private static final long MAX_BACKOFF_NANOS = 2_000_000;

    private final RTCDataChannel channel;
    private final ChannelSpec spec;
    private final EndpointListener listener;
    private final String threadName;
    private final boolean reliable;
    private final boolean reliableOrdered;
    private final long highWater;
    private final long lowWater;

    private ExecutorService executor;
    private Scheduler scheduler;
    private volatile Thread senderThread;
    private volatile boolean stopped;
    /** Written once by the endpoint when negotiated, before the first send. */
    private volatile Wire wire = new Wire(Framing.NONE, SdpAttributes.DEFAULT_MAX_MESSAGE_SIZE);

    // sender thread only
    private long bytesSinceCheck;
    private int messagesSinceCheck;
    private boolean aboveMark;
    private boolean flushScheduled;
    // written by the sender thread, read by tests and logs
    private volatile long waits;
    private volatile long maxBufferedSeen;
    private volatile long messagesTransmitted;
    private volatile long transmitNanos;

    DataChannelSender(RTCDataChannel channel, ChannelSpec spec, EndpointListener listener, String threadName,
                      int highWaterMark) {
        this.channel = channel;
        this.spec = spec;
        this.listener = listener;
        this.threadName = threadName;
        this.reliable = spec.qos().isReliable();
        this.reliableOrdered = reliable && spec.qos().ordered();
        this.highWater = highWaterMark;
        this.lowWater = highWaterMark / 4;
    }

    /**
     * What the peers agreed on: the framing and the peer's maximum message size. Called by the endpoint before the
     * session exists, so before any send.
     */
    void negotiated(Framing framing, int peerMaxMessageSize) {
        // a peer that negotiated framing is libwebrtc (256 KiB); a tiny limit only disables the optimisations
        boolean roomy = peerMaxMessageSize >= 1024;
        int fragmentSize = framing.fragment() && reliableOrdered && roomy
                ? Math.min(peerMaxMessageSize, FRAGMENT_BYTES) : 0;
        int batchBytes = Math.min(peerMaxMessageSize, reliable ? RELIABLE_BATCH_BYTES : UNRELIABLE_BATCH_BYTES);
        MessageCoalescer coalescer = framing.coalesce() && roomy ? new MessageCoalescer(batchBytes) : null;
        wire = new Wire(framing, peerMaxMessageSize, fragmentSize, coalescer);
    }

    /**
     * Sends {@code payloads}; a payload above {@link #payloadLimit()} ends the send with
     * {@link MessageTooLargeException} after the payloads before it were sent. Completes once every payload was
     * handed to libwebrtc.
     */
    Mono<Void> send(Publisher<byte[]> payloads) {
        return Mono.defer(() -> {
            Scheduler thread = scheduler();
            if (thread == null) {
                return Mono.error(closed());
            }
            Wire w = wire;
            int limit = payloadLimit(w);
            // when coalescing: this publisher's payloads handed over but not yet taken by the sender thread
            AtomicLong queued = w.coalescer != null ? new AtomicLong() : null;
            return Flux.from(payloads)
                    .<byte[]>handle((payload, out) -> {
                        if (payload.length > limit) {
                            out.error(new MessageTooLargeException(spec.name(), payload.length, limit));
                            return;
                        }
                        if (queued != null) {
                            queued.incrementAndGet();
                        }
                        out.next(payload);
                    })
                    .publishOn(thread, BATCH)
                    .doOnNext(payload -> sendOne(payload, queued))
                    // on the sender thread: what this publisher left in the batch goes out before the send completes
                    .doOnComplete(this::flush)
                    .doOnError(e -> flushQuietly())
                    .then();
        });
    }

    /**
     * The largest payload this channel sends: any size (the session enforces the channel's own limit) if it
     * fragments, else the peer's maximum message size less the frame header if framed, else the peer's maximum.
     */
    int payloadLimit() {
        return payloadLimit(wire);
    }

    private int payloadLimit(Wire w) {
        if (w.fragmentSize > 0) {
            return Integer.MAX_VALUE;
        }
        return w.framing.framed() ? w.peerMax - FrameFormat.HEADER : w.peerMax;
    }

    private synchronized Scheduler scheduler() {
        if (stopped) {
            return null;
        }
        if (scheduler == null) {
            executor = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, threadName);
                t.setDaemon(true);
                senderThread = t;
                return t;
            });
            scheduler = Schedulers.fromExecutorService(executor, threadName);
        }
        return scheduler;
    }

    /**
     * On the sender thread: coalesces, fragments or frames one payload, with flow control. A coalesced payload goes
     * out at once if nothing of its publisher is {@code queued} behind it; otherwise the next payloads join it, and a
     * flush is scheduled in case they never come (the send was cancelled and its queue discarded).
     */
    private void sendOne(byte[] payload, AtomicLong queued) {
        if (stopped) {
            throw closed();
        }
        Wire w = wire;
        MessageCoalescer batch = w.coalescer;
        boolean more = queued != null && queued.decrementAndGet() > 0;
        if (batch != null && batch.accepts(payload.length)) {
            if (!reliable && !hasRoom()) {
                listener.onOutboundDropped(spec, 1, "send buffer above its high-water mark");
            } else if (!batch.add(payload)) {
                flush();
                batch.add(payload);
            }
            if (more) {
                scheduleFlush();
            } else {
                flush();
            }
            return;
        }
        flush();
        if (!w.framing.framed()) {
            sendMessage(payload);
        } else if (w.fragmentSize > 0 && payload.length > w.peerMax - FrameFormat.HEADER) {
            for (Iterator<byte[]> fragments = FrameFormat.fragments(payload, w.fragmentSize); fragments.hasNext(); ) {
                if (stopped) {
                    throw closed();
                }
                awaitRoom();
                transmit(fragments.next());
            }
        } else {
            sendMessage(FrameFormat.whole(payload));
        }
    }

    /** One message with flow control: waits (reliable) or drops it (unreliable) above the mark. */
    private void sendMessage(byte[] message) {
        if (reliable) {
            awaitRoom();
        } else if (!hasRoom()) {
            listener.onOutboundDropped(spec, 1, "send buffer above its high-water mark");
            return;
        }
        transmit(message);
    }

    /**
     * On the sender thread: sends the coalesced payloads, if any. An unreliable channel's flow control was applied to
     * each payload when it was coalesced; a reliable one waits here.
     */
    private void flush() {
        MessageCoalescer batch = wire.coalescer;
        if (batch == null || batch.isEmpty() || Thread.currentThread() != senderThread) {
            return;
        }
        if (stopped) {
            throw closed();
        }
        byte[] message = batch.take();
        if (reliable) {
            awaitRoom();
        }
        transmit(message);
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.debug("{}: flushing coalesced payloads failed: {}", threadName, e.toString());
        }
    }

    /** Sends what is coalesced once the sender thread has run the tasks queued before this one. */
    private void scheduleFlush() {
        if (flushScheduled) {
            return;
        }
        flushScheduled = true;
        try {
            executor.execute(() -> {
                flushScheduled = false;
                flushQuietly();
            });
        } catch (RejectedExecutionException e) {
            flushScheduled = false; // stopping: the session is closing
        }
    }

    private void transmit(byte[] message) {
        long start = System.nanoTime();
        try {
            channel.send(new RTCDataChannelBuffer(ByteBuffer.wrap(message), true));
        } catch (Exception e) {
            throw new TelefluxException("data channel " + spec.name() + " refused a payload", e);
        }
        transmitNanos += System.nanoTime() - start;
        messagesTransmitted++;
        bytesSinceCheck += message.length;
        messagesSinceCheck++;
    }

    private boolean checkDue() {
        return bytesSinceCheck >= CHECK_BYTES || messagesSinceCheck >= CHECK_MESSAGES;
    }

    private long bufferedAmount() {
        bytesSinceCheck = 0;
        messagesSinceCheck = 0;
        long buffered = channel.getBufferedAmount();
        if (buffered > maxBufferedSeen) {
            maxBufferedSeen = buffered;
        }
        return buffered;
    }

    private void awaitRoom() {
        if (!checkDue()) {
            return;
        }
        long buffered = bufferedAmount();
        if (buffered <= highWater) {
            return;
        }
        waits++;
        long backoff = MIN_BACKOFF_NANOS;
        while (buffered > lowWater) {
            if (stopped) {
                throw closed();
            }
            LockSupport.parkNanos(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
            buffered = bufferedAmount();
        }
    }

    private boolean hasRoom() {
        if (aboveMark || checkDue()) {
            aboveMark = bufferedAmount() > highWater;
        }
        return !aboveMark;
    }

    private SessionClosedException closed() {
        return new SessionClosedException("data channel " + spec.name() + " is closed");
    }

    /**
     * Stops sending: running sends end with {@link SessionClosedException}, and this waits (at most 2 s) for the
     * sender thread to leave libwebrtc, so that the channel may be disposed afterwards. Blocks; call from the
     * endpoint's control thread.
     */
    void stop() {
        ExecutorService e;
        synchronized (this) {
            stopped = true;
            e = executor;
        }
        if (e == null) {
            return;
        }
        e.shutdownNow();
        try {
            if (!e.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("sender thread {} did not stop within 2 s", threadName);
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        long n = messagesTransmitted;
        log.debug("{}: {} data channel message(s), {} µs per send() on average, {} wait(s) at the mark", threadName,
                n, n == 0 ? 0 : transmitNanos / n / 1000, waits);
    }

    /** How often a reliable send waited for the buffer to drain. */
    long waits() {
        return waits;
    }

    /** The largest buffered amount read so far, in bytes. */
    long maxBufferedSeen() {
        return maxBufferedSeen;
    }

    /** Data channel messages handed to libwebrtc so far (batches and fragments count one each). */
    long messagesTransmitted() {
        return messagesTransmitted;
    }

    /** Time spent inside {@code send()} so far, in nanoseconds. */
    long transmitNanos() {
        return transmitNanos;
    }

    /**
     * The negotiated wire of this channel.
     *
     * @param framing      the negotiated framing
     * @param peerMax      the peer's maximum message size
     * @param fragmentSize the largest fragment message, or 0 if this channel does not fragment
     * @param coalescer    the batch being built, or null if this channel does not coalesce (sender thread only)
     */
    private record Wire(Framing framing, int peerMax, int fragmentSize, MessageCoalescer coalescer) {
        Wire(Framing framing, int peerMax) {
            this(framing, peerMax, 0, null);
        }
    }
}
