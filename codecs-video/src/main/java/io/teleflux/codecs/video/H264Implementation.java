package io.teleflux.codecs.video;

/** Which H.264 encoder library {@link H264Encoder} uses. */
public enum H264Implementation {

    /** libx264 when the natives contain it (the GPL build), otherwise OpenH264. The default. */
    AUTO(null),
    /** x264 through FFmpeg's {@code libx264}; only in the GPL natives ({@code linux-x86_64-gpl}). */
    X264("libx264"),
    /** Cisco's OpenH264 through FFmpeg's {@code libopenh264}; in both natives builds. No CRF: always bitrate-driven. */
    OPENH264("libopenh264");

    private final String ffmpegName;

    H264Implementation(String ffmpegName) {
        this.ffmpegName = ffmpegName;
    }

    /** The FFmpeg encoder name, e.g. {@code "libx264"}; {@code null} for {@link #AUTO}. */
    String ffmpegName() {
        return ffmpegName;
    }

    /**
     * The concrete implementation {@code AUTO} resolves to with the natives on the class path.
     *
     * @throws CodecUnavailableException if neither encoder exists, or the requested one does not
     */
    H264Implementation resolve() {
        if (this != AUTO) {
            if (Ffmpeg.encoder(ffmpegName) == null) {
                throw new CodecUnavailableException("FFmpeg encoder " + ffmpegName + " is not in these natives ("
                        + Ffmpeg.license() + "); libx264 needs org.bytedeco:ffmpeg:…:linux-x86_64-gpl");
            }
            return this;
        }
        if (Ffmpeg.encoder(X264.ffmpegName) != null) {
            return X264;
        }
        return OPENH264.resolve();
    }
}
