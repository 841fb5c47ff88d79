package io.teleflux.webrtc;

import io.teleflux.spi.Provider;
import io.teleflux.spi.ProviderConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a session connects over WebRTC: its signaling, ICE servers and transport policy, and limits.
 * Immutable and value-equal: each {@code with…} returns a copy, and bad values fail at once with the value in the
 * message. Sessions with equal configs share one provider (and, in any case, one JVM-wide
 * {@code PeerConnectionFactory}); every session still gets its own peer connection.
 *
 * <p>The robot and the operator use different configs when they differ in their signaling end, as with
 * {@link InProcessSignaling#robot()} and {@link InProcessSignaling#operator()}; the role itself comes from
 * {@link io.teleflux.Teleflux#robot} or {@link io.teleflux.Teleflux#operator}. The operator offers.
 *
 * @param signaling         how offers, answers and ICE candidates reach the peer. No default.
 * @param iceServers        STUN and TURN servers. Default: none (host candidates only, which suits a LAN).
 * @param relayOnly         whether only TURN relay candidates may be used ({@code iceTransportPolicy=relay}), to hide
 *                          addresses or to test TURN. Default: {@code false}.
 * @param connectTimeout    the longest a connect may take, from waiting for the peer to the last data channel
 *                          opening. Default: 30 seconds.
 * @param sendHighWaterMark the number of bytes buffered in a channel's send queue above which a reliable channel
 *                          waits and an unreliable one drops. 16 KiB to 8 MiB. Default: 1 MiB.
 * @param fragmentation     whether a payload above the peer's maximum message size ({@code a=max-message-size},
 *                          256 KiB for libwebrtc) is split into fragments and reassembled by the peer, on reliable
 *                          ordered channels, up to the channel's {@link io.teleflux.ChannelSpec#maxMessageSize()}.
 *                          Takes effect only if the peer is teleflux with fragmentation enabled too (negotiated in
 *                          the offer and answer); otherwise, and on other channels, such a payload ends its
 *                          {@code send} with {@link io.teleflux.MessageTooLargeException} as without it.
 *                          Default: {@code false}.
 * @param coalescing        whether payloads already queued for a channel are sent together in one data channel
 *                          message (at most 16 KiB on reliable channels, 1 KiB, about one packet, on others), which
 *                          multiplies small-message throughput. Never waits for more payloads. On an unreliable
 *                          channel a lost message then loses the payloads coalesced into it. Takes effect only if the
 *                          peer is teleflux with coalescing enabled too (negotiated). Default: {@code false}.
 * @param video             whether and how the session carries a video track in each direction
 *                          ({@link io.teleflux.Session#sendVideo}, {@link io.teleflux.Session#receiveVideo}). Opt-in:
 *                          without it the offer has no video section and the session is data-only, as before. Video
 *                          is negotiated when the operator enables it; a robot without it receives but does not send.
 *                          Default: empty (no video).
 */
public record WebRtcConfig(Signaling signaling, List<IceServer> iceServers, boolean relayOnly,
                           Duration connectTimeout, int sendHighWaterMark, boolean fragmentation,
                           boolean coalescing, Optional<VideoOptions> video) implements ProviderConfig {

    /** The default {@link #connectTimeout()}: 30 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** The default {@link #sendHighWaterMark()}: 1 MiB. */
    public static final int DEFAULT_SEND_HIGH_WATER_MARK = 1024 * 1024;

    public WebRtcConfig {
        Objects.requireNonNull(signaling, "signaling");
        iceServers = List.copyOf(iceServers);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(video, "video");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
        }
        if (sendHighWaterMark < 16 * 1024 || sendHighWaterMark > 8 * 1024 * 1024) {
            throw new IllegalArgumentException("sendHighWaterMark must be in [16384, 8388608], was "
                    + sendHighWaterMark);
        }
    }

    /** A config with {@code signaling} and every default. */
    public static WebRtcConfig of(Signaling signaling) {
        return new WebRtcConfig(signaling, List.of(), false, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SEND_HIGH_WATER_MARK,
                false, false, Optional.empty());
    }

    /** A copy with another signaling. */
    public WebRtcConfig withSignaling(Signaling signaling) {
        return new WebRtcConfig(signaling, iceServers, relayOnly, connectTimeout, sendHighWaterMark,
                fragmentation, coalescing, video);
    }

    /** A copy with these ICE servers (replacing the current ones). */
    public WebRtcConfig withIceServers(IceServer... servers) {
        return new WebRtcConfig(signaling, List.of(servers), relayOnly, connectTimeout, sendHighWaterMark,
                fragmentation, coalescing, video);
    }

    /** A copy that does ({@code true}) or does not use TURN relay candidates only. */
    public WebRtcConfig withRelayOnly(boolean relayOnly) {
        return new WebRtcConfig(signaling, iceServers, relayOnly, connectTimeout, sendHighWaterMark,
                fragmentation, coalescing, video);
    }

    /** A copy with another connect timeout. */
    public WebRtcConfig withConnectTimeout(Duration timeout) {
        return new WebRtcConfig(signaling, iceServers, relayOnly, timeout, sendHighWaterMark, fragmentation,
                coalescing, video);
    }

    /** A copy with another send high-water mark, in bytes. */
    public WebRtcConfig withSendHighWaterMark(int bytes) {
        return new WebRtcConfig(signaling, iceServers, relayOnly, connectTimeout, bytes, fragmentation,
                coalescing, video);
    }

    /**
     * A copy that does ({@code true}) or does not fragment payloads above the peer's maximum message size; see
     * {@link #fragmentation()}. Default: {@code false}.
     */
    public WebRtcConfig withFragmentation(boolean fragmentation) {
        return new WebRtcConfig(signaling, iceServers, relayOnly, connectTimeout, sendHighWaterMark, fragmentation,
                coalescing, video);
    }

    /**
     * A copy that does ({@code true}) or does not coalesce queued payloads into one data channel message; see
     * {@link #coalescing()}. Default: {@code false}.
     */
    public WebRtcConfig withCoalescing(boolean coalescing) {
        return new WebRtcConfig(signaling, iceServers, relayOnly, connectTimeout, sendHighWaterMark, fragmentation,
                coalescing, video);
    }

    /**
     * A copy that carries video with {@code options} (for example {@link VideoOptions#defaults()}); see
     * {@link #video()}.
     */
    public WebRtcConfig withVideo(VideoOptions options) {
        Objects.requireNonNull(options, "options");
        return new WebRtcConfig(signaling, iceServers, relayOnly, connectTimeout, sendHighWaterMark, fragmentation,
                coalescing, Optional.of(options));
    }

    /** A copy without video (data-only). */
    public WebRtcConfig withoutVideo() {
        return new WebRtcConfig(signaling, iceServers, relayOnly, connectTimeout, sendHighWaterMark, fragmentation,
                coalescing, Optional.empty());
    }

    @Override
    public Provider createProvider() {
        return new WebRtcProvider(this);
    }

    @Override
    public String kind() {
        return "webrtc";
    }
}
