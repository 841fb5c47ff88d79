package io.teleflux.webrtc;

import io.teleflux.spi.Provider;
import io.teleflux.spi.ProviderConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
 */
public record WebRtcConfig(Signaling signaling, List<IceServer> iceServers, boolean relayOnly,
                           Duration connectTimeout, int sendHighWaterMark) implements ProviderConfig {

    /** The default {@link #connectTimeout()}: 30 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** The default {@link #sendHighWaterMark()}: 1 MiB. */
    public static final int DEFAULT_SEND_HIGH_WATER_MARK = 1024 * 1024;

    public WebRtcConfig {
        Objects.requireNonNull(signaling, "signaling");
        iceServers = List.copyOf(iceServers);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
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
        return new WebRtcConfig(signaling, List.of(), false, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SEND_HIGH_WATER_MARK);
    }

    /** A copy with another signaling. */
    public WebRtcConfig withSignaling(Signaling signaling) {
        return new WebRtcConfig(signaling, iceServers, relayOnly, connectTimeout, sendHighWaterMark);
    }

    /** A copy with these ICE servers (replacing the current ones). */
    public WebRtcConfig withIceServers(IceServer... servers) {
        return new WebRtcConfig(signaling, List.of(servers), relayOnly, connectTimeout, sendHighWaterMark);
    }

    /** A copy that does ({@code true}) or does not use TURN relay candidates only. */
    public WebRtcConfig withRelayOnly(boolean relayOnly) {
        return new WebRtcConfig(signaling, iceServers, relayOnly, connectTimeout, sendHighWaterMark);
    }

    /** A copy with another connect timeout. */
    public WebRtcConfig withConnectTimeout(Duration timeout) {
        return new WebRtcConfig(signaling, iceServers, relayOnly, timeout, sendHighWaterMark);
    }

    /** A copy with another send high-water mark, in bytes. */
    public WebRtcConfig withSendHighWaterMark(int bytes) {
        return new WebRtcConfig(signaling, iceServers, relayOnly, connectTimeout, bytes);
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
