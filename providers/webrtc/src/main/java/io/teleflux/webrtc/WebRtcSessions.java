package io.teleflux.webrtc;

import io.teleflux.ChannelSpec;
import io.teleflux.Session;
import io.teleflux.webrtc.peer.NativeCallbacks;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Flux;

/** WebRTC-specific views of a connected {@link Session}: statistics, and the provider's own health counter. */
public final class WebRtcSessions {

    private WebRtcSessions() {
    }

    /**
     * Statistics of {@code session}'s peer connection, sampled every {@code period} starting at once. Cold; completes
     * when the session closes; drops samples a slow subscriber has not requested. Errors with
     * {@link IllegalArgumentException} if {@code session} is not a connected session of the WebRTC provider.
     */
    public static Flux<WebRtcStats> stats(Session session, Duration period) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        return Flux.defer(() -> {
            WebRtcEndpoint endpoint = WebRtcEndpoint.of(session);
            if (endpoint == null) {
                return Flux.error(new IllegalArgumentException("not a connected WebRTC session: " + session));
            }
            return Flux.interval(Duration.ZERO, period)
                    .onBackpressureDrop()
                    .concatMap(tick -> endpoint.sampleStats(), 1)
                    .takeUntilOther(endpoint.onReleased());
        });
    }

    /**
     * How many inbound messages of {@code channel} were discarded because their teleflux framing was malformed: an
     * unknown frame type, a truncated batch, or a fragment sequence that was broken, out of order, or larger than the
     * channel's {@link ChannelSpec#maxMessageSize()} (each sequence counts once). Always 0 when the session did not
     * negotiate framing ({@link WebRtcConfig#fragmentation()}, {@link WebRtcConfig#coalescing()}).
     *
     * @throws IllegalArgumentException if {@code session} is not a connected session of the WebRTC provider
     */
    public static long framingDrops(Session session, ChannelSpec channel) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(channel, "channel");
        WebRtcEndpoint endpoint = WebRtcEndpoint.of(session);
        if (endpoint == null) {
            throw new IllegalArgumentException("not a connected WebRTC session: " + session);
        }
        return endpoint.framingDrops(channel.name());
    }

    /**
     * Video frames {@code session} pushed into its video track so far (after pacing).
     *
     * @throws IllegalArgumentException if {@code session} is not a connected WebRTC session with video enabled
     */
    public static long videoFramesSent(Session session) {
        return videoEndpoint(session).videoSender().framesPushed();
    }

    /**
     * Video frames {@code session} was given by {@code sendVideo} but released unsent: overwritten by a newer frame
     * before their turn (pacing to {@link VideoOptions#maxFramesPerSecond()}), or pending at close.
     *
     * @throws IllegalArgumentException if {@code session} is not a connected WebRTC session with video enabled
     */
    public static long videoFramesDropped(Session session) {
        return videoEndpoint(session).videoSender().framesDropped();
    }

    /**
     * Video frames {@code session} decoded from the far end's track so far, whether or not anybody subscribed to
     * {@link Session#receiveVideo()}.
     *
     * @throws IllegalArgumentException if {@code session} is not a connected WebRTC session with video enabled
     */
    public static long videoFramesReceived(Session session) {
        return videoEndpoint(session).videoReceiver().framesReceived();
    }

    private static WebRtcEndpoint videoEndpoint(Session session) {
        Objects.requireNonNull(session, "session");
        WebRtcEndpoint endpoint = WebRtcEndpoint.of(session);
        if (endpoint == null || endpoint.videoSender() == null) {
            throw new IllegalArgumentException("not a connected WebRTC session with video: " + session);
        }
        return endpoint;
    }

    /**
     * How many times a callback from libwebrtc threw since the JVM started. Such exceptions are logged and kept out of
     * native code (where they would abort the JVM); a growing count means a bug, most likely in a subscriber that runs
     * on libwebrtc's signaling thread.
     */
    public static long callbackFailures() {
        return NativeCallbacks.failures();
    }
}
