package io.teleflux.codecs.video;

import java.util.Objects;
import java.util.Set;

/**
 * How {@link H264Encoder} encodes. Immutable: each {@code with…} returns a copy and rejects bad values at once, with
 * the value in the message.
 *
 * <p>Fixed, not options: <b>Constrained Baseline</b> profile (WebRTC packetization-mode 1; no B-frames), x264's
 * {@code zerolatency} tune (one access unit out per frame in, no lookahead), SPS/PPS in-band in every IDR (no global
 * header), and the 4:2:0 input FFmpeg's {@code yuv420p} expects. Defaults, the measured sweet spot for 15–30 fps
 * robot cameras ({@code reference/h264-javacv-measurements.md}): {@link H264Implementation#AUTO}, CRF 23, preset
 * {@code veryfast}, level 3.1, an IDR every 30 frames, 30 fps time base, 1 thread.
 */
public final class H264EncoderOptions {

    /** How the encoder spends bits. */
    public enum RateControl {
        /** Constant quality ({@link #crf()}); sizes follow the content. x264 only; OpenH264 falls back to bitrate. */
        CRF,
        /** Average bitrate ({@link #bitrate()}); sizes follow the bitrate divided by the frame rate. */
        BITRATE
    }

    private static final Set<String> PRESETS = Set.of("ultrafast", "superfast", "veryfast", "faster", "fast",
            "medium", "slow", "slower", "veryslow", "placebo");
    private static final Set<Integer> LEVELS = Set.of(10, 11, 12, 13, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50, 51, 52);

    private static final H264EncoderOptions DEFAULTS =
            new H264EncoderOptions(H264Implementation.AUTO, RateControl.CRF, 23, 2_000_000, "veryfast", 31, 30, 30, 1);

    private final H264Implementation implementation;
    private final RateControl rateControl;
    private final int crf;
    private final long bitrate;
    private final String preset;
    private final int level;
    private final int keyframeInterval;
    private final int frameRate;
    private final int threads;

    private H264EncoderOptions(H264Implementation implementation, RateControl rateControl, int crf, long bitrate,
                               String preset, int level, int keyframeInterval, int frameRate, int threads) {
        this.implementation = implementation;
        this.rateControl = rateControl;
        this.crf = crf;
        this.bitrate = bitrate;
        this.preset = preset;
        this.level = level;
        this.keyframeInterval = keyframeInterval;
        this.frameRate = frameRate;
        this.threads = threads;
    }

    /** The defaults listed on the class. */
    public static H264EncoderOptions defaults() {
        return DEFAULTS;
    }

    /** A copy using {@code implementation}; default {@link H264Implementation#AUTO}. */
    public H264EncoderOptions withImplementation(H264Implementation implementation) {
        return new H264EncoderOptions(Objects.requireNonNull(implementation, "implementation"), rateControl, crf,
                bitrate, preset, level, keyframeInterval, frameRate, threads);
    }

    /**
     * A copy in {@link RateControl#CRF} mode with this constant rate factor; default 23 (0 = lossless-ish, 51 =
     * worst; 23–28 suits storage).
     */
    public H264EncoderOptions withCrf(int crf) {
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("crf must be in [0, 51], was " + crf);
        }
        return new H264EncoderOptions(implementation, RateControl.CRF, crf, bitrate, preset, level,
                keyframeInterval, frameRate, threads);
    }

    /**
     * A copy in {@link RateControl#BITRATE} mode with this average bitrate in bits per second; default 2,000,000 (also
     * OpenH264's bitrate in CRF mode). 10,000 to 1,000,000,000.
     */
    public H264EncoderOptions withBitrate(long bitsPerSecond) {
        if (bitsPerSecond < 10_000 || bitsPerSecond > 1_000_000_000) {
            throw new IllegalArgumentException("bitrate must be in [10000, 1000000000] bit/s, was " + bitsPerSecond);
        }
        return new H264EncoderOptions(implementation, RateControl.BITRATE, crf, bitsPerSecond, preset, level,
                keyframeInterval, frameRate, threads);
    }

    /** A copy with this x264 preset ({@code ultrafast} … {@code placebo}); default {@code veryfast}. x264 only. */
    public H264EncoderOptions withPreset(String preset) {
        Objects.requireNonNull(preset, "preset");
        if (!PRESETS.contains(preset)) {
            throw new IllegalArgumentException("preset must be one of " + PRESETS + ", was '" + preset + "'");
        }
        return new H264EncoderOptions(implementation, rateControl, crf, bitrate, preset, level, keyframeInterval,
                frameRate, threads);
    }

    /**
     * A copy with this H.264 {@code level_idc} (10 × the level: 31 means 3.1); default 31, which matches the
     * {@code profile-level-id 42e01f} most WebRTC peers offer. Valid: 10–13, 20–22, 30–32, 40–42, 50–52. The
     * encoder writes the level as given and does not check the frame size against it: level 3.1 covers up to
     * 1280x720 at 30 fps; use 40 for 1920x1080. x264 only: OpenH264 chooses its own (lower) level from the size.
     */
    public H264EncoderOptions withLevel(int levelIdc) {
        if (!LEVELS.contains(levelIdc)) {
            throw new IllegalArgumentException("level must be one of " + LEVELS + " (10 x the level), was "
                    + levelIdc);
        }
        return new H264EncoderOptions(implementation, rateControl, crf, bitrate, preset, levelIdc, keyframeInterval,
                frameRate, threads);
    }

    /**
     * A copy forcing an IDR every {@code frames} frames (counted from the last IDR, requested ones included);
     * default 30. 1 to 100,000.
     */
    public H264EncoderOptions withKeyframeInterval(int frames) {
        if (frames < 1 || frames > 100_000) {
            throw new IllegalArgumentException("keyframeInterval must be in [1, 100000], was " + frames);
        }
        return new H264EncoderOptions(implementation, rateControl, crf, bitrate, preset, level, frames, frameRate,
                threads);
    }

    /**
     * A copy with this nominal frame rate: the codec time base (it sets the bits per frame in bitrate mode) and the pts
     * step of frames without a capture timestamp; default 30. 1 to 240.
     */
    public H264EncoderOptions withFrameRate(int fps) {
        if (fps < 1 || fps > 240) {
            throw new IllegalArgumentException("frameRate must be in [1, 240], was " + fps);
        }
        return new H264EncoderOptions(implementation, rateControl, crf, bitrate, preset, level, keyframeInterval,
                fps, threads);
    }

    /**
     * A copy with this many encoder threads; default 1 (the measured best bytes per CPU; x264 with more threads uses
     * sliced threads, two slices per frame). 0 means FFmpeg's automatic choice; at most 16.
     */
    public H264EncoderOptions withThreads(int threads) {
        if (threads < 0 || threads > 16) {
            throw new IllegalArgumentException("threads must be in [0, 16], was " + threads);
        }
        return new H264EncoderOptions(implementation, rateControl, crf, bitrate, preset, level, keyframeInterval,
                frameRate, threads);
    }

    /** The requested implementation; default {@link H264Implementation#AUTO}. */
    public H264Implementation implementation() {
        return implementation;
    }

    /** The rate control mode; default {@link RateControl#CRF}. */
    public RateControl rateControl() {
        return rateControl;
    }

    /** The constant rate factor used in {@link RateControl#CRF} mode; default 23. */
    public int crf() {
        return crf;
    }

    /** The bitrate in bit/s used in {@link RateControl#BITRATE} mode and by OpenH264; default 2,000,000. */
    public long bitrate() {
        return bitrate;
    }

    /** The x264 preset; default {@code veryfast}. */
    public String preset() {
        return preset;
    }

    /** The {@code level_idc}; default 31. */
    public int level() {
        return level;
    }

    /** Frames between forced IDRs; default 30. */
    public int keyframeInterval() {
        return keyframeInterval;
    }

    /** The nominal frame rate; default 30. */
    public int frameRate() {
        return frameRate;
    }

    /** Encoder threads, 0 for automatic; default 1. */
    public int threads() {
        return threads;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof H264EncoderOptions other && implementation == other.implementation
                && rateControl == other.rateControl && crf == other.crf && bitrate == other.bitrate
                && preset.equals(other.preset) && level == other.level && keyframeInterval == other.keyframeInterval
                && frameRate == other.frameRate && threads == other.threads;
    }

    @Override
    public int hashCode() {
        return Objects.hash(implementation, rateControl, crf, bitrate, preset, level, keyframeInterval, frameRate,
                threads);
    }

    @Override
    public String toString() {
        return "H264EncoderOptions[" + implementation + ", " + (rateControl == RateControl.CRF ? "crf " + crf
                : bitrate + " bit/s") + ", preset " + preset + ", level " + level + ", keyframeInterval "
                + keyframeInterval + ", " + frameRate + " fps, threads " + threads + "]";
    }
}
