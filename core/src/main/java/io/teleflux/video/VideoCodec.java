package io.teleflux.video;

import java.util.Locale;
import java.util.Objects;

/** The compression of an {@link EncodedFrame}, and the form its bytes take. */
public enum VideoCodec {

    /** H.264/AVC; an access unit in Annex B form (start codes; an IDR carries SPS and PPS in-band). */
    H264("h264", true),
    /** H.265/HEVC; an access unit in Annex B form. */
    H265("h265", true),
    /** VP8; one compressed frame as the encoder emits it (no IVF header). */
    VP8("vp8", false),
    /** VP9; one compressed frame (superframe) as the encoder emits it (no IVF header). */
    VP9("vp9", false),
    /** AV1; one temporal unit as a sequence of OBUs in low-overhead form. */
    AV1("av1", false);

    private final String wireName;
    private final boolean annexB;

    VideoCodec(String wireName, boolean annexB) {
        this.wireName = wireName;
        this.annexB = annexB;
    }

    /** The lowercase name used in metadata and SDP-like places, e.g. {@code "h264"} (DimOS's {@code codec} field). */
    public String wireName() {
        return wireName;
    }

    /**
     * The codec with this {@link #wireName()}, ignoring case.
     *
     * @throws IllegalArgumentException if no codec has that name
     */
    public static VideoCodec fromWireName(String name) {
        Objects.requireNonNull(name, "name");
        String lower = name.toLowerCase(Locale.ROOT);
        for (VideoCodec codec : values()) {
            if (codec.wireName.equals(lower)) {
                return codec;
            }
        }
        throw new IllegalArgumentException("unknown video codec '" + name + "'; known: h264, h265, vp8, vp9, av1");
    }

    /** Whether an access unit is a sequence of start-code-prefixed NAL units. */
    boolean isAnnexB() {
        return annexB;
    }
}
