package io.teleflux.store.cli;

import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;

/** The {@code ffmpeg} and {@code ffprobe} executables shipped in the FFmpeg natives jar (no system FFmpeg needed). */
final class BundledFfmpeg {

    private BundledFfmpeg() {
    }

    /** Extracts (once per machine, into JavaCPP's cache) and returns the ffmpeg executable. */
    static Path ffmpeg() {
        return Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
    }

    /** As {@link #ffmpeg()}, for ffprobe. */
    static Path ffprobe() {
        return Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
    }
}
