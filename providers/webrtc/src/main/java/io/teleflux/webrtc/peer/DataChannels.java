package io.teleflux.webrtc.peer;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCPeerConnection;
import io.teleflux.ChannelSpec;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates pre-negotiated ({@code negotiated:true, id}) data channels from a {@link ChannelSpec}, validated in Java
 * first: webrtc-java 0.14.0 crashes the JVM when libwebrtc rejects a channel (an id above 1023, for example).
 */
public final class DataChannels {

    private static final Logger LOG = LoggerFactory.getLogger(DataChannels.class);

    /** The largest data channel id libwebrtc accepts. */
    public static final int MAX_ID = 1023;

    private DataChannels() {
    }

    /**
     * The init of a negotiated channel with {@code id} and the spec's QoS (ordered, and at most one of max
     * retransmits or max packet lifetime).
     *
     * @throws IllegalArgumentException if {@code id} is outside 0..{@value #MAX_ID}
     */
    public static RTCDataChannelInit negotiatedInit(ChannelSpec spec, int id) {
        Objects.requireNonNull(spec, "spec");
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("data channel id must be in [0, " + MAX_ID + "], was " + id);
        }
        RTCDataChannelInit init = new RTCDataChannelInit();
        init.negotiated = true;
        init.id = id;
        init.ordered = spec.qos().ordered();
        init.maxRetransmits = spec.qos().maxRetransmits().orElse(-1);
        init.maxPacketLifeTime = spec.qos().maxPacketLifeTime().map(d -> (int) Math.min(d.toMillis(), 65_535))
                .orElse(-1);
        return init;
    }

    /**
     * Creates the negotiated channel {@code id} on {@code pc}, labelled with the spec's name. The peer must create the
     * same id with the same QoS. Call it before {@code createOffer}, or after connecting (no renegotiation needed).
     */
    public static RTCDataChannel createNegotiated(RTCPeerConnection pc, ChannelSpec spec, int id) {
        Objects.requireNonNull(pc, "pc");
        RTCDataChannelInit init = negotiatedInit(spec, id);
        RTCDataChannel channel = pc.createDataChannel(spec.name(), init);
        if (channel == null) {
            throw new IllegalStateException("libwebrtc refused data channel " + spec.name() + " (id " + id + ")");
        }
        return channel;
    }

    /**
     * Closes and disposes {@code channel}, which must not be bound (see {@link DataChannelBinding#close()} for bound
     * ones); never throws: a failure is logged at debug level with {@code what}. Not from a libwebrtc callback thread.
     */
    public static void release(RTCDataChannel channel, String what) {
        try {
            channel.close();
            channel.dispose();
        } catch (Throwable t) {
            LOG.debug("releasing {} failed", what, t);
        }
    }
}
