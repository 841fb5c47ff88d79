package io.teleflux.codecs.video;

import io.teleflux.ChannelSpec;
import io.teleflux.MessageDecodingException;
import io.teleflux.codecs.lcm.BuiltinTime;
import io.teleflux.codecs.lcm.CompressedVideo;
import io.teleflux.video.EncodedFrame;
import io.teleflux.video.VideoCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * H.264 access units as LCM {@code foxglove_msgs.CompressedVideo} messages (format {@code "h264"}, one Annex B access
 * unit per message, as DimOS and Foxglove expect) on any teleflux channel.
 *
 * <p><b>Mapping.</b> Out: {@code data} = the access unit, {@code timestamp} = its pts as seconds
 * ({@code pts / 90000}, stream-relative), {@code frame_id} as given, {@code format = "h264"}. In: the message carries
 * no seq, keyframe flag or size, so they are rebuilt: keyframe = contains an IDR slice, size from the SPS, pts from
 * the timestamp relative to the first message, seq = message count plus the reference frames that a jump in the
 * slice header's {@code frame_num} shows were lost (so {@link H264#decode} refuses to decode across a loss even on an
 * unreliable channel). Deltas before the first keyframe are dropped and counted.
 *
 * <p><b>Fragmentation (teleflux to teleflux only).</b> A message larger than the channel's
 * {@link ChannelSpec#maxMessageSize()} is cut, on a <b>reliable ordered</b> channel, into LCM
 * {@code teleflux_msgs.VideoFragment}s ({@code int64 message_seq, int32 total_length, int32 offset, int32 data_length,
 * byte data[]}, own fingerprint, 28 bytes of header) each within the limit; the receiver reassembles them into the
 * {@code CompressedVideo} message. Other LCM peers (DimOS) ignore the fragments' fingerprint, so a channel mixing both
 * stays readable for them for access units under the limit. On a channel that is not reliable and ordered an oversize
 * access unit is dropped and counted ({@link CompressedVideoStats#droppedOversize()}): losing one fragment would lose
 * the frame anyway. Receive limits: a reassembled message above {@code maxMessageSize} (default
 * {@value #DEFAULT_MAX_REASSEMBLED} bytes) is refused before allocation; a fragment that does not continue the current
 * message, or a message abandoned half-way, is a counted drop.
 *
 * <p>Payloads of other types on the channel are ignored (demux by fingerprint), so the receive side can read a raw
 * channel shared with other messages.
 */
public final class CompressedVideoLcm {

    /** The largest message reassembled from fragments by default: 16 MiB. */
    public static final int DEFAULT_MAX_REASSEMBLED = 16 * 1024 * 1024;
    /** Bytes each fragment spends on its fingerprint and header: 28. */
    public static final int FRAGMENT_HEADER_SIZE = VideoFragment.HEADER_SIZE;
    /** The wire fingerprint of {@code teleflux_msgs.VideoFragment}. */
    public static final long FRAGMENT_FINGERPRINT = VideoFragment.FINGERPRINT;

    private static final Logger LOG = LoggerFactory.getLogger(CompressedVideoLcm.class);

    private CompressedVideoLcm() {
    }

    /** The {@code CompressedVideo} message for one access unit (see the class description for the mapping). */
    public static CompressedVideo toMessage(EncodedFrame accessUnit, String frameId) {
        Objects.requireNonNull(accessUnit, "accessUnit");
        Objects.requireNonNull(frameId, "frameId");
        long pts = accessUnit.pts();
        BuiltinTime time = new BuiltinTime((int) (pts / 90_000), (int) (pts % 90_000 * 100_000 / 9));
        return new CompressedVideo(time, frameId, accessUnit.data(), accessUnit.codec().wireName());
    }

    /**
     * The payloads to send on {@code channel} for these access units: one {@code CompressedVideo} each, or its
     * fragments when it is above the channel's limit (see the class description). Use with
     * {@code session.send(channel, payloads)}.
     *
     * @throws IllegalArgumentException if an access unit is not H.264 (signalled as an error of the flux)
     */
    public static Flux<byte[]> encode(Publisher<EncodedFrame> accessUnits, ChannelSpec channel, String frameId,
                                      CompressedVideoStats stats) {
        Objects.requireNonNull(accessUnits, "accessUnits");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(stats, "stats");
        int limit = channel.maxMessageSize();
        boolean mayFragment = channel.qos().isReliable() && channel.qos().ordered();
        if (limit <= FRAGMENT_HEADER_SIZE) {
            throw new IllegalArgumentException("channel " + channel.name() + " maxMessageSize " + limit
                    + " leaves no room for fragment data");
        }
        return Flux.defer(() -> {
            long[] messageSeq = {0};
            return Flux.from(accessUnits).concatMapIterable(au -> {
                if (au.codec() != VideoCodec.H264) {
                    throw new IllegalArgumentException("only H.264 access units map to CompressedVideo, got " + au);
                }
                byte[] message = CompressedVideo.TYPE.encode(toMessage(au, frameId));
                if (message.length <= limit) {
                    stats.countSent(0);
                    return List.of(message);
                }
                if (!mayFragment) {
                    stats.countOversize();
                    LOG.warn("dropped {}: {} bytes over {}'s limit of {} and the channel is not reliable and ordered",
                            au, message.length, channel.name(), limit);
                    return List.of();
                }
                List<byte[]> fragments = fragment(message, messageSeq[0]++, limit - FRAGMENT_HEADER_SIZE);
                stats.countSent(fragments.size());
                return fragments;
            });
        });
    }

    private static List<byte[]> fragment(byte[] message, long seq, int chunk) {
        List<byte[]> out = new ArrayList<>();
        for (int offset = 0; offset < message.length; offset += chunk) {
            int length = Math.min(chunk, message.length - offset);
            byte[] data = new byte[length];
            System.arraycopy(message, offset, data, 0, length);
            out.add(new VideoFragment(seq, message.length, offset, data).encode());
        }
        return out;
    }

    /**
     * Access units from a channel's raw payloads ({@code session.receive(channel)}), reassembling fragments and
     * rebuilding metadata (see the class description). Malformed payloads are counted drops; the stream goes on.
     * Feed the result to {@link H264#decode}.
     */
    public static Flux<EncodedFrame> decode(Publisher<byte[]> payloads, CompressedVideoStats stats) {
        return decode(payloads, stats, DEFAULT_MAX_REASSEMBLED);
    }

    /**
     * As {@link #decode(Publisher, CompressedVideoStats)} with another reassembly limit.
     *
     * @param maxMessageSize the largest reassembled message accepted, 1 to {@link EncodedFrame#MAX_SIZE}
     */
    public static Flux<EncodedFrame> decode(Publisher<byte[]> payloads, CompressedVideoStats stats,
                                            int maxMessageSize) {
        Objects.requireNonNull(payloads, "payloads");
        Objects.requireNonNull(stats, "stats");
        if (maxMessageSize < 1 || maxMessageSize > EncodedFrame.MAX_SIZE) {
            throw new IllegalArgumentException("maxMessageSize must be in [1, " + EncodedFrame.MAX_SIZE + "], was "
                    + maxMessageSize);
        }
        return Flux.defer(() -> {
            FragmentReassembler reassembler = new FragmentReassembler(maxMessageSize, stats);
            AccessUnitRecovery recovery = new AccessUnitRecovery(stats);
            return Flux.from(payloads).handle((payload, sink) -> {
                byte[] message = payload;
                if (VideoFragment.matches(payload)) {
                    message = reassembler.accept(payload);
                    if (message == null) {
                        return;
                    }
                } else if (!CompressedVideo.TYPE.matches(payload)) {
                    return; // another type sharing the channel
                }
                CompressedVideo video;
                try {
                    video = CompressedVideo.TYPE.decode(message);
                } catch (MessageDecodingException e) {
                    stats.countMalformed();
                    return;
                }
                EncodedFrame au;
                try {
                    au = recovery.recover(video);
                } catch (IllegalArgumentException e) { // EncodedFrame's own checks
                    stats.countMalformed();
                    return;
                }
                if (au != null) {
                    sink.next(au);
                }
            });
        });
    }
}
