package io.teleflux.video;

import java.util.Arrays;
import java.util.Objects;

/**
 * One compressed video frame: for {@link VideoCodec#H264} all NAL units the encoder emitted for one input frame, as
 * one Annex B access unit (DimOS's and Foxglove's "one message = one frame's NALs"), with the metadata a receiver
 * needs to decode it or to know it cannot.
 *
 * <p>Immutable value, with two caveats about {@code data}: the array is <b>not copied</b> (the creator hands it over
 * and must not modify it afterwards; readers treat it as read-only), and {@link #equals(Object)} and
 * {@link #hashCode()} compare its content. No memory to release: it is garbage-collected.
 *
 * @param codec the compression
 * @param seq the encoder's frame counter, 0, 1, 2… per stream; a gap means a lost frame
 * @param keyframe whether this frame decodes on its own (an IDR for H.264)
 * @param keyframeSeq the {@code seq} of the keyframe this frame depends on: equal to {@code seq} for a keyframe,
 *        at most {@code seq} otherwise. A receiver that did not decode that keyframe must drop the frame and wait for
 *        the next keyframe rather than show corrupted pixels
 * @param pts presentation time in <b>90 kHz</b> units ({@code (capture − first capture) × 90000}), {@code >= 0}
 * @param width coded width in pixels, 1 to {@link FrameInfo#MAX_DIMENSION} (even for H.264 from teleflux encoders,
 *        which {@link Frames#cropToEven(Frame) crop}, but not required here)
 * @param height coded height in pixels, 1 to {@link FrameInfo#MAX_DIMENSION}
 * @param data the compressed bytes, 1 to {@link #MAX_SIZE}; for Annex B codecs it starts with a {@code 00 00 01} or
 *        {@code 00 00 00 01} start code
 */
public record EncodedFrame(VideoCodec codec, long seq, boolean keyframe, long keyframeSeq, long pts, int width,
                           int height, byte[] data) {

    /** The largest accepted {@code data}: 64 MiB, a sanity bound far above real-time frames (a 4K IDR is a few MB). */
    public static final int MAX_SIZE = 64 * 1024 * 1024;

    /** Validates every component; see the record's description for the rules. */
    public EncodedFrame {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(data, "data");
        Checks.nonNegative("seq", seq);
        Checks.nonNegative("keyframeSeq", keyframeSeq);
        Checks.nonNegative("pts", pts);
        Checks.dimensions(width, height);
        if (keyframe && keyframeSeq != seq) {
            throw new IllegalArgumentException("a keyframe's keyframeSeq must equal its seq, was keyframeSeq "
                    + keyframeSeq + " for seq " + seq);
        }
        if (keyframeSeq > seq) {
            throw new IllegalArgumentException("keyframeSeq must be <= seq, was keyframeSeq " + keyframeSeq
                    + " for seq " + seq);
        }
        if (data.length == 0 || data.length > MAX_SIZE) {
            throw new IllegalArgumentException("data must have 1 to " + MAX_SIZE + " bytes, had " + data.length);
        }
        if (codec.isAnnexB() && !startsWithStartCode(data)) {
            throw new IllegalArgumentException(codec + " access unit must start with 00 00 01 or 00 00 00 01, started "
                    + "with " + hex(data, 4));
        }
    }

    /** A keyframe: {@code keyframe = true}, {@code keyframeSeq = seq}. */
    public static EncodedFrame keyframe(VideoCodec codec, long seq, long pts, int width, int height, byte[] data) {
        return new EncodedFrame(codec, seq, true, seq, pts, width, height, data);
    }

    /** A frame that depends on the keyframe numbered {@code keyframeSeq}. */
    public static EncodedFrame delta(VideoCodec codec, long seq, long keyframeSeq, long pts, int width, int height,
                                     byte[] data) {
        return new EncodedFrame(codec, seq, false, keyframeSeq, pts, width, height, data);
    }

    /** The number of compressed bytes. */
    public int size() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedFrame e && e.codec == codec && e.seq == seq && e.keyframe == keyframe
                && e.keyframeSeq == keyframeSeq && e.pts == pts && e.width == width && e.height == height
                && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(codec, seq, keyframe, keyframeSeq, pts, width, height) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "EncodedFrame[" + codec + " seq=" + seq + (keyframe ? " keyframe" : " delta of " + keyframeSeq)
                + " pts=" + pts + " " + width + "x" + height + " " + data.length + " B]";
    }

    private static boolean startsWithStartCode(byte[] d) {
        return d.length >= 3 && d[0] == 0 && d[1] == 0 && (d[2] == 1 || d.length >= 4 && d[2] == 0 && d[3] == 1);
    }

    private static String hex(byte[] d, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(d.length, max); i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", d[i] & 0xFF));
        }
        return sb.toString();
    }
}
