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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Sends one data channel's payloads on a dedicated thread, because webrtc-java's {@code send()} and
 * {@code getBufferedAmount()} are blocking calls into libwebrtc's network thread (20-90 µs each).
 *
 * <p>Each {@link #send} subscribes to its publisher and hands each payload to the channel's sender thread through a
 * lock-free queue, waking the thread only if it parked. It requests {@link #BATCH} payloads first and more as the
 * sender thread takes them, so no publisher has more than {@link #BATCH} payloads queued; the sender thread takes
 * the payloads of all sends in the order they were handed over. Waking a parked thread costs 5-20 µs on a virtual
 * machine, a noticeable part of a round trip, so a sender thread that was handed payloads at short intervals yields
 * the CPU in a loop for up to {@link #IDLE_SPIN_NANOS} before it parks (yielding, not busy-spinning, so that on two
 * cores libwebrtc's threads still run at once); a thread that waited longer than that last time parks at once, so an
 * ordinary command stream (tens to hundreds of payloads per second) costs no spinning at all.
 *
 * <p>Each data channel message is an exact-size heap array, because webrtc-java 0.14.0 sends a heap buffer's whole
 * backing array (and a direct buffer's whole capacity), ignoring position and limit. Without negotiated {@link Framing}
 * a payload is sent unchanged as one message; with it, as {@link FrameFormat} frames: a small payload is coalesced (if
 * negotiated) with the payloads queued behind it into one BATCH frame, which is sent as soon as nothing is queued
 * behind the last one or when it is full, so it never waits for more payloads; a payload above the peer's limit on a
 * reliable ordered channel is sent as fragments (if negotiated); anything else as a WHOLE frame.
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
    /** Payloads requested from a publisher each time the sender thread took this many of it. */
    private static final int REPLENISH = BATCH - BATCH / 4;
    /**
     * How long an idle sender thread that was handed payloads at short intervals yields before it parks: about one
     * round trip on one machine, so that a ping-pong's next payload finds the thread awake.
     */
    static final long IDLE_SPIN_NANOS = 100_000;
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

    /** Payloads and the ends of sends, from the publishers to the sender thread. */
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    /** The running sends, so that {@link #stop()} can end them. */
    private final Set<Send> sends = ConcurrentHashMap.newKeySet();
    /** Created by the first send. */
    private volatile Thread senderThread;
    /** Whether the sender thread is (about to be) parked and must be unparked by the next hand-over. */
    private volatile boolean parked;
    private volatile boolean stopped;
    /** Written once by the endpoint when negotiated, before the first send. */
    private volatile Wire wire = new Wire(Framing.NONE, SdpAttributes.DEFAULT_MAX_MESSAGE_SIZE);

    // sender thread only
    private long bytesSinceCheck;
    private int messagesSinceCheck;
    private boolean aboveMark;
    /** Whether the last wait for a hand-over was shorter than {@link #IDLE_SPIN_NANOS}. */
    private boolean recentlyBusy;
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
     * handed to libwebrtc; errors with {@link SessionClosedException} once stopped. Never blocks the subscriber: the
     * payloads are handed to the sender thread.
     */
    Mono<Void> send(Publisher<byte[]> payloads) {
        return Mono.create(sink -> {
            Thread thread = senderThread();
            if (thread == null) {
                sink.error(closed());
                return;
            }
            Send send = new Send(sink, payloadLimit(wire));
            sends.add(send);
            if (stopped) { // stop() may have ended the sends before this one was added
                send.end(closed());
                return;
            }
            sink.onCancel(send::cancel);
            Flux.from(payloads).subscribe(send);
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

    /** The sender thread, started by the first call; null once stopped. */
    private synchronized Thread senderThread() {
        if (stopped) {
            return null;
        }
        if (senderThread == null) {
            Thread t = new Thread(this::run, threadName);
            t.setDaemon(true);
            senderThread = t;
            t.start();
        }
        return senderThread;
    }

    /** Hands {@code item} to the sender thread, waking it if it is parked. Any thread; never blocks. */
    private void handOver(Object item) {
        queue.offer(item);
        if (parked) {
            parked = false;
            LockSupport.unpark(senderThread);
        }
    }

    /**
     * The sender thread: takes payloads and the ends of sends in the order they were handed over. With nothing queued
     * it sends what is coalesced, then waits for the next hand-over.
     */
    private void run() {
        try {
            while (!stopped) {
                Object item = queue.poll();
                if (item == null) {
                    flushQuietly();
                    idle();
                } else if (item instanceof Payload p) {
                    take(p);
                } else {
                    finish((End) item);
                }
            }
        } catch (Throwable t) {
            stopped = true;
            log.error("{}: the sender thread failed", threadName, t);
        } finally {
            queue.clear();
            for (Send send : sends) {
                send.end(closed());
            }
        }
    }

    /** On the sender thread: sends one payload of a send that is still running, then requests more if due. */
    private void take(Payload p) {
        Send send = p.send;
        if (send.cancelled) {
            return; // discarded, as the send was cancelled
        }
        send.inFlight.decrementAndGet();
        try {
            sendOne(p.payload, !queue.isEmpty());
        } catch (RuntimeException e) {
            flushQuietly();
            send.end(e);
            return;
        }
        if (++send.taken == REPLENISH) {
            send.taken = 0;
            send.upstream.request(REPLENISH);
        }
    }

    /** On the sender thread: a send ended; what is coalesced goes out before it completes. */
    private void finish(End end) {
        Send send = end.send;
        if (send.cancelled) {
            return;
        }
        if (end.error != null) {
            flushQuietly();
            send.end(end.error);
            return;
        }
        try {
            flush();
        } catch (RuntimeException e) {
            send.end(e);
            return;
        }
        send.end(null);
    }

    /**
     * On the sender thread, with nothing queued: waits for the next hand-over. If the last wait was short (payloads
     * come at most {@link #IDLE_SPIN_NANOS} apart), it first yields the CPU in a loop for up to that long, so that the
     * next payload goes out without a wake-up (5-20 µs on a virtual machine); otherwise, and after that, it parks.
     * Yielding rather than busy-spinning keeps the core free for libwebrtc's threads on small machines.
     */
    private void idle() {
        long start = System.nanoTime();
        if (recentlyBusy) {
            while (queue.isEmpty() && !stopped && System.nanoTime() - start < IDLE_SPIN_NANOS) {
                Thread.yield();
            }
            if (!queue.isEmpty()) {
                return;
            }
        }
        parked = true;
        Thread.interrupted(); // a stray interrupt (from a publisher's code on this thread) would defeat park()
        if (queue.isEmpty() && !stopped) {
            LockSupport.park(this);
        }
        parked = false;
        recentlyBusy = System.nanoTime() - start < IDLE_SPIN_NANOS;
    }

    /**
     * On the sender thread: coalesces, fragments or frames one payload, with flow control. A coalesced payload goes
     * out at once unless {@code more} payloads are queued behind it, which then join it.
     */
    private void sendOne(byte[] payload, boolean more) {
        if (stopped) {
            throw closed();
        }
        Wire w = wire;
        MessageCoalescer batch = w.coalescer;
        if (batch != null && batch.accepts(payload.length)) {
            if (!reliable && !hasRoom()) {
                listener.onOutboundDropped(spec, 1, "send buffer above its high-water mark");
            } else if (!batch.add(payload)) {
                flush();
                batch.add(payload);
            }
            if (!more) {
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
        Thread t;
        synchronized (this) {
            stopped = true;
            t = senderThread;
        }
        if (t == null || t == Thread.currentThread()) {
            return; // never started, or stopped by a send's own subscriber: the thread ends after this payload
        }
        LockSupport.unpark(t);
        try {
            t.join(2000);
            if (t.isAlive()) {
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

    /** One payload of {@code send}, handed to the sender thread. */
    private record Payload(Send send, byte[] payload) {
    }

    /** The end of {@code send}: completion if {@code error} is null. */
    private record End(Send send, Throwable error) {
    }

    /**
     * One running {@link #send}: subscribes to the publisher, checks each payload's size and hands it to the sender
     * thread, which requests more as it takes them, {@link #BATCH} at most outstanding.
     */
    private final class Send implements CoreSubscriber<byte[]> {
        private final MonoSink<Void> sink;
        private final int limit;
        /** Handed over and not yet taken by the sender thread. */
        final AtomicInteger inFlight = new AtomicInteger();
        /** Taken since the last request (sender thread only). */
        int taken;
        volatile Subscription upstream;
        volatile boolean cancelled;
        /** The publisher signalled its end, or this send refused a payload. */
        private boolean done;

        Send(MonoSink<Void> sink, int limit) {
            this.sink = sink;
            this.limit = limit;
        }

        @Override
        public Context currentContext() {
            return Context.of(sink.contextView());
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (!Operators.validate(upstream, s)) {
                return;
            }
            upstream = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(BATCH);
            }
        }

        @Override
        public void onNext(byte[] payload) {
            if (done || cancelled) {
                return;
            }
            if (payload.length > limit) {
                refuse(new MessageTooLargeException(spec.name(), payload.length, limit));
                return;
            }
            if (inFlight.incrementAndGet() > BATCH) {
                refuse(Exceptions.failWithOverflow("the publisher sent more payloads than requested"));
                return;
            }
            handOver(new Payload(this, payload));
        }

        /** Ends this send with {@code error} once the payloads before were sent. */
        private void refuse(Throwable error) {
            done = true;
            upstream.cancel();
            handOver(new End(this, error));
        }

        @Override
        public void onError(Throwable t) {
            if (done) {
                return;
            }
            done = true;
            handOver(new End(this, t));
        }

        @Override
        public void onComplete() {
            if (done) {
                return;
            }
            done = true;
            handOver(new End(this, null));
        }

        /** The subscriber of the send cancelled: stops the publisher; its queued payloads are discarded. */
        void cancel() {
            cancelled = true;
            Subscription s = upstream;
            if (s != null) {
                s.cancel();
            }
            sends.remove(this);
        }

        /** Ends the send (completes it if {@code error} is null) and stops the publisher. Once. */
        void end(Throwable error) {
            if (!sends.remove(this)) {
                return;
            }
            cancelled = true;
            Subscription s = upstream;
            if (s != null && error != null) {
                s.cancel();
            }
            if (error == null) {
                sink.success();
            } else {
                sink.error(error);
            }
        }
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
