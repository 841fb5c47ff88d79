package io.teleflux.broker;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import io.teleflux.webrtc.peer.NativeCallbacks;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The robot's "heartbeat now" hint. The hosted protocol tells a robot about operator joins and leaves only in the
 * ack of its next heartbeat (1 Hz), so a join waits up to a second for the robot to open its channels. The teleflux
 * broker shortens that: it sends a message on the negotiated placeholder channel (SCTP id 0, which the robot keeps
 * open anyway) whenever the robot's channel ids change, and any message there makes the robot heartbeat at once.
 * Against the hosted broker nothing arrives on the placeholder and the 1 Hz cadence is all there is; the content of a
 * message is ignored, so the hint adds nothing a peer could misuse beyond an early heartbeat. Hints are never
 * dropped but coalesced: the heartbeat loop keeps at most one pending tick and leaves {@link #MIN_GAP} after each
 * beat, so a burst of hints costs at most one extra heartbeat per {@link #MIN_GAP}.
 */
final class HeartbeatNudge {

    /** The least time between the end of one heartbeat and the start of the next. */
    static final Duration MIN_GAP = Duration.ofMillis(50);

    private final Sinks.Many<Long> hints = Sinks.many().multicast().directBestEffort();

    /** Listens on {@code placeholder}: any message is a hint. Call before the connection opens. */
    void watch(RTCDataChannel placeholder) {
        placeholder.registerObserver(new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previousAmount) {
                // nothing is sent on the placeholder
            }

            @Override
            public void onStateChange() {
                // the placeholder only has to exist
            }

            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
                NativeCallbacks.guard("placeholder.onMessage", HeartbeatNudge.this::hint);
            }
        });
    }

    /** Stops listening; call before releasing the channel, not from a libwebrtc callback thread. */
    static void unwatch(RTCDataChannel placeholder) {
        try {
            placeholder.unregisterObserver();
        } catch (Throwable t) {
            // already disposed: nothing to unregister
        }
    }

    void hint() {
        hints.tryEmitNext(System.nanoTime());
    }

    /** One element per hint. */
    Flux<Long> hints() {
        return hints.asFlux();
    }
}
