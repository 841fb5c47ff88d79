package io.teleflux.webrtc;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import io.teleflux.ChannelSpec;
import io.teleflux.MessageTooLargeException;
import io.teleflux.SessionClosedException;
import io.teleflux.TelefluxException;
import io.teleflux.spi.EndpointListener;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * <p>Payloads are requested from each publisher in batches of {@link #BATCH} and sent whole: a payload is wrapped
 * as a heap buffer over its exact array, because webrtc-java 0.14.0 sends a heap buffer's whole backing array (and a
 * direct buffer's whole capacity), ignoring position and limit. The buffered amount is read only after
 * {@link #CHECK_BYTES} bytes or {@link #CHECK_MESSAGES} messages, since each read costs as much as a send. Above the
 * high-water mark a reliable channel parks (50 µs back-off doubling to 2 ms) until the buffer drained below a quarter
 * of the mark, and requests nothing meanwhile; an unreliable channel drops and reports each payload through
 * {@link EndpointListener#onOutboundDropped}, re-reading the buffered amount per payload until it is below the mark.
 * The buffer can therefore exceed the mark by at most {@link #CHECK_BYTES} plus one message, far from libwebrtc's
 * 16 MiB per-stream limit that closes the channel.
 */
final class DataChannelSender {

    private static final Logger log = LoggerFactory.getLogger(DataChannelSender.class);

    /** Payloads requested from a publisher at a time. */
    static final int BATCH = 64;
    /** Bytes sent between two reads of the buffered amount. */
    static final int CHECK_BYTES = 256 * 1024;
    /** Messages sent between two reads of the buffered amount. */
    static final int CHECK_MESSAGES = 64;
    private static final long MIN_BACKOFF_NANOS = 50_000;
    private static final long MAX_BACKOFF_NANOS = 2_000_000;

    private final RTCDataChannel channel;
    private final ChannelSpec spec;
    private final EndpointListener listener;
    private final String threadName;
    private final boolean reliable;
    private final long highWater;
    private final long lowWater;

    private ExecutorService executor;
    private Scheduler scheduler;
    private volatile boolean stopped;

    // sender thread only
    private long bytesSinceCheck;
    private int messagesSinceCheck;
    private boolean aboveMark;
    // written by the sender thread, read by tests
    private volatile long waits;
    private volatile long maxBufferedSeen;

    DataChannelSender(RTCDataChannel channel, ChannelSpec spec, EndpointListener listener, String threadName,
                      int highWaterMark) {
        this.channel = channel;
        this.spec = spec;
        this.listener = listener;
        this.threadName = threadName;
        this.reliable = spec.qos().isReliable();
        this.highWater = highWaterMark;
        this.lowWater = highWaterMark / 4;
    }

    /**
     * Sends {@code payloads}; a payload above {@code peerMaxMessageSize} ends the send with
     * {@link MessageTooLargeException} after the payloads before it were sent.
     */
    Mono<Void> send(Publisher<byte[]> payloads, int peerMaxMessageSize) {
        return Mono.defer(() -> {
            Scheduler thread = scheduler();
            if (thread == null) {
                return Mono.error(closed());
            }
            return Flux.from(payloads)
                    .<byte[]>handle((payload, out) -> {
                        if (payload.length > peerMaxMessageSize) {
                            out.error(new MessageTooLargeException(spec.name(), payload.length, peerMaxMessageSize));
                        } else {
                            out.next(payload);
                        }
                    })
                    .publishOn(thread, BATCH)
                    .doOnNext(this::sendOne)
                    .then();
        });
    }

    private synchronized Scheduler scheduler() {
        if (stopped) {
            return null;
        }
        if (scheduler == null) {
            executor = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, threadName);
                t.setDaemon(true);
                return t;
            });
            scheduler = Schedulers.fromExecutorService(executor, threadName);
        }
        return scheduler;
    }

    /** On the sender thread: waits or drops per the flow control, then sends. */
    private void sendOne(byte[] payload) {
        if (stopped) {
            throw closed();
        }
        if (reliable) {
            awaitRoom();
        } else if (!hasRoom()) {
            listener.onOutboundDropped(spec, 1, "send buffer above its high-water mark");
            return;
        }
        try {
            channel.send(new RTCDataChannelBuffer(ByteBuffer.wrap(payload), true));
        } catch (Exception e) {
            throw new TelefluxException("data channel " + spec.name() + " refused a payload", e);
        }
        bytesSinceCheck += payload.length;
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
    }

    /** How often a reliable send waited for the buffer to drain. */
    long waits() {
        return waits;
    }

    /** The largest buffered amount read so far, in bytes. */
    long maxBufferedSeen() {
        return maxBufferedSeen;
    }
}
