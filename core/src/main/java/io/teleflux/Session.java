package io.teleflux;

import java.time.Duration;
import io.teleflux.video.Frame;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One end of a connected teleoperation link: typed and raw inbound streams per channel, outbound
 * {@code send(Publisher)}, connection states and per-channel counters. Obtain one from the cold
 * {@link SessionBuilder#connect()}.
 *
 * <h2>Receiving</h2>
 * {@link #receive(ChannelSpec)} gives every payload of a channel; {@link #receive(ChannelSpec, MessageType)} only the
 * payloads of one type (recognised by {@link MessageType#matches(byte[])}, so several types share a channel). Each
 * subscriber has its own bounded queue governed by the channel's {@link BackpressurePolicy}. Inbound streams are hot:
 * a subscriber sees what arrives while it is subscribed. They complete when the session closes, and error with
 * {@link WrongDirectionException} or {@link UnknownChannelException} on misuse. A payload that a typed subscriber
 * cannot decode is counted in {@link ChannelStats#malformed()} and skipped; the stream goes on. A subscriber is
 * registered when {@code subscribe} returns, not yet inside {@code doOnSubscribe}: to make the far end send in reply,
 * trigger it after subscribing (for example {@code receive(c).next().toFuture()}, then send).
 *
 * <h2>Sending</h2>
 * {@link #send(ChannelSpec, Publisher)} subscribes to the publisher and hands each payload to the transport, following
 * the transport's flow control. The returned {@code Mono} completes when the publisher completed and every payload
 * was handed over, and errors if the publisher errors, a payload is larger than the channel allows
 * ({@link MessageTooLargeException}), the direction is wrong, or the session closes first
 * ({@link SessionClosedException}). Cancelling it stops sending. Several sends on one channel may run at once; their
 * payloads interleave. Payload arrays are not modified, and must not be modified by the caller once emitted.
 *
 * <h2>Lifecycle</h2>
 * {@link #dispose()} closes the link and releases its resources without blocking; {@link #disposeLater()} does the
 * same when subscribed and completes when done; {@link #onClose()} completes when the session has closed for any
 * reason.
 */
public interface Session extends Disposable {

    /** Whether this end is the robot or the operator. */
    Role role();

    /** Every payload arriving on {@code channel}, as raw bytes. Arrays may be shared between subscribers: treat them as read-only. */
    Flux<byte[]> receive(ChannelSpec channel);

    /** The payloads on {@code channel} that are of {@code type}, decoded. */
    <T> Flux<T> receive(ChannelSpec channel, MessageType<T> type);

    /** Sends raw payloads on {@code channel}. Nothing happens until the returned {@code Mono} is subscribed. */
    Mono<Void> send(ChannelSpec channel, Publisher<byte[]> payloads);

    /** Encodes each message with {@code type} and sends it on {@code channel}. */
    <T> Mono<Void> send(ChannelSpec channel, MessageType<T> type, Publisher<? extends T> messages);

    /**
     * Sends raw video frames as this end's video track. The session takes over each frame's reference and releases it
     * once handed to the transport (or dropped by the transport's pacing, which is counted by the provider). The track
     * starts with the first frame, whose size sets the track's size. Completes when {@code frames} completes; errors
     * with {@link UnsupportedOperationException} if the provider carries no video, and with
     * {@link SessionClosedException} if the session closes first.
     */
    Mono<Void> sendVideo(Publisher<Frame> frames);

    /**
     * The far end's video track as decoded frames. Hot: a subscriber sees the frames that arrive while it is
     * subscribed. Each subscriber owns the frames it receives and must release them (see
     * {@link io.teleflux.video.Frames#releaseOnDiscard}). Completes when the session closes; errors with
     * {@link UnsupportedOperationException} if the provider carries no video.
     */
    Flux<Frame> receiveVideo();

    /**
     * The link's states: the current state on subscription, then each change. Completes after
     * {@link ConnectionState#CLOSED}; errors if the link failed for good.
     */
    Flux<ConnectionState> states();

    /** A snapshot of {@code channel}'s counters. */
    ChannelStats stats(ChannelSpec channel);

    /** Completes once the session has closed, whatever closed it. Never errors. */
    Mono<Void> onClose();

    /** Closes the session when subscribed; completes when its resources are released. Idempotent. */
    Mono<Void> disposeLater();

    /** Closes the session and waits at most {@code timeout} for its resources to be released. */
    default void disposeNow(Duration timeout) {
        disposeLater().block(timeout);
    }
}
