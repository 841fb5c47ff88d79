package io.teleflux.webrtc.peer;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import io.teleflux.ChannelSpec;
import io.teleflux.spi.EndpointListener;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One {@link RTCDataChannel} bound to a {@link ChannelSpec} and an {@link EndpointListener}: the binding registers
 * itself as the channel's only observer, hands inbound messages to the listener, sends outbound payloads with flow
 * control, and releases the channel on {@link #close()}.
 *
 * <h2>Inbound</h2>
 * Each message is copied out of libwebrtc's buffer (valid only during the callback) and passed to
 * {@link EndpointListener#onMessage} on libwebrtc's signaling thread, serially. The listener must be quick and must
 * not block or call into libwebrtc synchronously. With {@link Framing} negotiated, frames are decoded first (batches
 * split, fragments reassembled up to {@link ChannelSpec#maxMessageSize()}; malformed frames are counted in
 * {@link #framingDrops()}). A binding that does not receive drops inbound messages. Exceptions are guarded
 * ({@link NativeCallbacks}).
 *
 * <h2>Outbound</h2>
 * {@link #send(Publisher)} sends on the binding's own thread (webrtc-java's {@code send()} is a blocking hop into
 * libwebrtc's network thread), one exact-size message per payload (or frames, if negotiated). The channel's buffered
 * amount is read every {@value #CHECK_BYTES} bytes or 64 messages; above the high-water mark a <b>reliable</b>
 * channel waits until it drained to a quarter of the mark and requests nothing meanwhile, an <b>unreliable</b> one
 * drops each payload and reports it with {@link EndpointListener#onOutboundDropped}. A payload above
 * {@link #payloadLimit()} ends the send with {@link io.teleflux.MessageTooLargeException}. The {@code Mono} completes
 * once every payload was handed to libwebrtc; after {@link #close()} it errors with
 * {@link io.teleflux.SessionClosedException}.
 *
 * <h2>Lifecycle</h2>
 * Call {@link #negotiated} before the remote description is set (so before the channel can open); the default is
 * plain WebRTC with a 64 KiB peer limit. State changes go to the optional state listener, on libwebrtc's signaling
 * thread (hop off it before calling into the peer connection). {@link #close()} blocks (it joins the sender thread):
 * call it from your own thread, before closing the peer connection.
 */
public final class DataChannelBinding {

    /** Bytes sent between two reads of the buffered amount; the buffer may exceed the mark by this plus a message. */
    public static final int CHECK_BYTES = DataChannelSender.CHECK_BYTES;
    /** The largest fragment message, when fragmentation was negotiated. */
    public static final int FRAGMENT_BYTES = DataChannelSender.FRAGMENT_BYTES;
    /** The default send high-water mark: 1 MiB. */
    public static final int DEFAULT_SEND_HIGH_WATER_MARK = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(DataChannelBinding.class);

    private final RTCDataChannel channel;
    private final ChannelSpec spec;
    private final EndpointListener listener;
    private final boolean receives;
    private final DataChannelSender sender;
    private final Consumer<RTCDataChannelState> states;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set before the remote description, read on onMessage. */
    private volatile FrameDecoder decoder;

    private DataChannelBinding(RTCDataChannel channel, ChannelSpec spec, EndpointListener listener, boolean receives,
                               boolean sends, int sendHighWaterMark, String threadName,
                               Consumer<RTCDataChannelState> states) {
        this.channel = channel;
        this.spec = spec;
        this.listener = listener;
        this.receives = receives;
        this.states = states;
        this.sender = sends ? new DataChannelSender(channel, spec, listener, threadName, sendHighWaterMark) : null;
    }

    /**
     * Binds {@code channel} and registers the binding as its observer (once: webrtc-java 0.14.0 leaks an observer per
     * registration).
     *
     * @param channel           the data channel, not yet open
     * @param spec              the channel's spec: name, QoS (reliability decides the drop policy), size limit
     * @param listener          receives inbound payloads and outbound drops
     * @param receives          whether inbound messages go to the listener (else they are dropped)
     * @param sends             whether {@link #send} is allowed
     * @param sendHighWaterMark buffered bytes above which a reliable channel waits and an unreliable one drops; 16 KiB
     *                          to 8 MiB, typically {@link #DEFAULT_SEND_HIGH_WATER_MARK}
     * @param threadName        the name of the sender thread (created on the first send)
     * @param states            called with each new channel state on libwebrtc's signaling thread; may be null
     */
    public static DataChannelBinding bind(RTCDataChannel channel, ChannelSpec spec, EndpointListener listener,
                                          boolean receives, boolean sends, int sendHighWaterMark, String threadName,
                                          Consumer<RTCDataChannelState> states) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(threadName, "threadName");
        if (sendHighWaterMark < 16 * 1024 || sendHighWaterMark > 8 * 1024 * 1024) {
            throw new IllegalArgumentException("sendHighWaterMark must be in [16384, 8388608], was "
                    + sendHighWaterMark);
        }
        DataChannelBinding binding = new DataChannelBinding(channel, spec, listener, receives, sends,
                sendHighWaterMark, threadName, states == null ? s -> { } : states);
        channel.registerObserver(binding.new Observer());
        return binding;
    }

    /**
     * What the two peers agreed on: the {@link Framing} (use {@link Framing#NONE} towards browsers and other plain
     * peers) and the peer's maximum message size ({@link SdpAttributes#maxMessageSize} of its description). Call it
     * before the remote description is set.
     */
    public void negotiated(Framing framing, int peerMaxMessageSize) {
        Objects.requireNonNull(framing, "framing");
        decoder = framing.framed() && receives
                ? new FrameDecoder(spec.name(), spec.maxMessageSize(), p -> listener.onMessage(spec, p))
                : null;
        if (sender != null) {
            sender.negotiated(framing, peerMaxMessageSize);
        }
    }

    /**
     * Sends {@code payloads}; see the class comment. Errors with {@link IllegalStateException} if this binding was
     * made without {@code sends}.
     */
    public Mono<Void> send(Publisher<byte[]> payloads) {
        Objects.requireNonNull(payloads, "payloads");
        if (sender == null) {
            return Mono.error(new IllegalStateException("channel " + spec.name() + " is not bound for sending"));
        }
        return sender.send(payloads);
    }

    /** Whether this binding sends. */
    public boolean sends() {
        return sender != null;
    }

    /** Whether this binding delivers inbound messages. */
    public boolean receives() {
        return receives;
    }

    /** The bound data channel (for {@code getState()}, {@code getLabel()}; never register another observer). */
    public RTCDataChannel channel() {
        return channel;
    }

    /** The bound channel's spec. */
    public ChannelSpec spec() {
        return spec;
    }

    /** The largest payload {@link #send} accepts now (depends on {@link #negotiated}); 0 if it does not send. */
    public int payloadLimit() {
        return sender == null ? 0 : sender.payloadLimit();
    }

    /** Inbound frames or fragment sequences discarded as malformed or too large; 0 without framing. */
    public long framingDrops() {
        FrameDecoder d = decoder;
        return d == null ? 0 : d.drops();
    }

    /** Data channel messages handed to libwebrtc so far (batches and fragments count one each). */
    public long messagesTransmitted() {
        return sender == null ? 0 : sender.messagesTransmitted();
    }

    /** How often a reliable send waited for the buffer to drain. */
    public long waits() {
        return sender == null ? 0 : sender.waits();
    }

    /** The largest buffered amount read so far, in bytes. */
    public long maxBufferedSeen() {
        return sender == null ? 0 : sender.maxBufferedSeen();
    }

    /**
     * Stops sending (running sends error), waits at most 2 s for the sender thread to leave libwebrtc, then
     * unregisters the observer, closes and disposes the channel. Idempotent; never throws; blocks. Not from a
     * libwebrtc callback.
     */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (sender != null) {
            sender.stop();
        }
        try {
            channel.unregisterObserver();
            channel.close();
            channel.dispose();
        } catch (Throwable t) {
            log.warn("releasing data channel {} failed", spec.name(), t);
        }
    }

    /** Stops the sender only (running sends error, the thread leaves libwebrtc); {@link #close()} does the rest. */
    public void stopSending() {
        if (sender != null) {
            sender.stop();
        }
    }

    @Override
    public String toString() {
        return "DataChannelBinding[" + spec.name() + (sender != null ? ", sends" : "") + (receives ? ", receives" : "")
                + "]";
    }

    /** The channel's observer; libwebrtc calls it on its signaling thread. */
    private final class Observer implements RTCDataChannelObserver {
        @Override
        public void onBufferedAmountChange(long previousAmount) {
            // never called by webrtc-java 0.14.0; the sender polls instead
        }

        @Override
        public void onStateChange() {
            NativeCallbacks.guard("onStateChange", () -> {
                if (!closed.get()) {
                    states.accept(channel.getState()); // cached inside a callback: no hop
                }
            });
        }

        @Override
        public void onMessage(RTCDataChannelBuffer buffer) {
            NativeCallbacks.guard("onMessage", () -> {
                if (!receives || closed.get()) {
                    log.debug("dropped an inbound payload on {}, which is not bound for receiving", spec.name());
                    return;
                }
                // the buffer is native memory, valid only during this callback: decoding copies what it keeps
                ByteBuffer data = buffer.data;
                FrameDecoder d = decoder;
                if (d != null) {
                    d.decode(data);
                    return;
                }
                byte[] payload = new byte[data.remaining()];
                data.get(payload);
                listener.onMessage(spec, payload);
            });
        }
    }
}
