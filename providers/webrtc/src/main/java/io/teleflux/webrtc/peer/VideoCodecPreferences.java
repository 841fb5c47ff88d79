package io.teleflux.webrtc.peer;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.media.MediaType;
import io.teleflux.video.VideoCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Video codec preferences for a transceiver ({@code setCodecPreferences}): the wanted codecs in order, then the
 * repair formats (rtx, red, ulpfec). Of H.264 the constrained-baseline, packetization-mode 1 variant comes first (what
 * browsers and Cloudflare expect).
 */
public final class VideoCodecPreferences {

    private static final List<String> REPAIR = List.of("rtx", "red", "ulpfec");

    private VideoCodecPreferences() {
    }

    /**
     * The sender capabilities of {@code factory} for {@code codecs}, in that order, followed by the repair formats.
     *
     * @throws IllegalArgumentException if none of {@code codecs} is available (H.265 never is in webrtc-java 0.14.0)
     */
    public static List<RTCRtpCodecCapability> of(PeerConnectionFactory factory, List<VideoCodec> codecs) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(codecs, "codecs");
        List<RTCRtpCodecCapability> available = factory.getRtpSenderCapabilities(MediaType.VIDEO).getCodecs();
        List<RTCRtpCodecCapability> preferred = new ArrayList<>();
        for (VideoCodec codec : codecs) {
            List<RTCRtpCodecCapability> matching = new ArrayList<>(available.stream()
                    .filter(c -> c.getName().equalsIgnoreCase(rtpName(codec))).toList());
            if (codec == VideoCodec.H264) {
                matching.sort(Comparator.comparingInt(VideoCodecPreferences::h264Rank));
            }
            preferred.addAll(matching);
        }
        if (preferred.isEmpty()) {
            throw new IllegalArgumentException("none of the video codecs " + codecs + " is available; libwebrtc has "
                    + available.stream().map(RTCRtpCodecCapability::getName).distinct().toList());
        }
        for (String repair : REPAIR) {
            available.stream().filter(c -> c.getName().equalsIgnoreCase(repair)).forEach(preferred::add);
        }
        return preferred;
    }

    /** Sets the preferences of {@code codecs} on {@code transceiver}. */
    public static void apply(RTCRtpTransceiver transceiver, PeerConnectionFactory factory, List<VideoCodec> codecs) {
        Objects.requireNonNull(transceiver, "transceiver");
        transceiver.setCodecPreferences(of(factory, codecs));
    }

    /** The RTP name of a codec ({@code H264}, {@code VP8}, ...). */
    public static String rtpName(VideoCodec codec) {
        return switch (codec) {
            case H264 -> "H264";
            case H265 -> "H265";
            case VP8 -> "VP8";
            case VP9 -> "VP9";
            case AV1 -> "AV1";
        };
    }

    private static int h264Rank(RTCRtpCodecCapability c) {
        Map<String, String> fmtp = c.getSDPFmtp();
        String mode = fmtp == null ? "0" : fmtp.getOrDefault("packetization-mode", "0");
        String profile = fmtp == null ? "" : fmtp.getOrDefault("profile-level-id", "").toLowerCase(Locale.ROOT);
        int rank = "1".equals(mode) ? 0 : 10;
        if (profile.startsWith("42e0")) {
            return rank;
        }
        return rank + (profile.startsWith("4200") ? 1 : 2);
    }
}
