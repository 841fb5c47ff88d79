package io.teleflux.store.cli;

import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.PixelFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Frames of a video file, decoded and scaled by the bundled {@code ffmpeg} executable (area scaling, like OpenCV's
 * {@code INTER_AREA}) into BGR24 frames. Used by {@code teleflux record} and the store benchmark.
 */
public final class VideoFileReader {

    private VideoFileReader() {
    }

    /** The video's average frame rate, as ffprobe reports it (for example 10.0). */
    public static double frameRate(Path video) {
        String out = run(List.of(BundledFfmpeg.ffprobe().toString(), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=avg_frame_rate", "-of", "csv=p=0", video.toString())).trim();
        String[] parts = out.split("/");
        try {
            double rate = parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])
                    : Double.parseDouble(out);
            if (!(rate > 0)) {
                throw new NumberFormatException(out);
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read the frame rate of " + video + ": '" + out + "'", e);
        }
    }

    /**
     * The first {@code maxFrames} frames of {@code video}, scaled to {@code width × height}, BGR24, with timestamps
     * {@code start + i / frameRate}. Cold; each subscription runs one ffmpeg process (killed on cancel); the
     * subscriber owns (and releases) each frame.
     */
    public static Flux<Frame> frames(Path video, int width, int height, int maxFrames, Instant start) {
        Objects.requireNonNull(video, "video");
        if (!Files.isRegularFile(video)) {
            return Flux.error(new IllegalArgumentException("no video file at " + video));
        }
        return Flux.defer(() -> {
            double fps = frameRate(video);
            FrameInfo info = FrameInfo.of(PixelFormat.BGR24, width, height);
            return Flux.using(() -> new ProcessBuilder(BundledFfmpeg.ffmpeg().toString(), "-v", "error", "-i",
                            video.toString(), "-frames:v", String.valueOf(maxFrames), "-vf",
                            "scale=" + width + ":" + height + ":flags=area", "-f", "rawvideo", "-pix_fmt", "bgr24", "-")
                            .redirectError(ProcessBuilder.Redirect.DISCARD).start(),
                    p -> Flux.<Frame, Long>generate(() -> 0L, (i, sink) -> {
                        byte[] pixels = readFully(p.getInputStream(), info.bufferSize());
                        if (pixels == null) {
                            sink.complete();
                            return i;
                        }
                        Instant ts = start.plusNanos((long) (i * 1e9 / fps));
                        sink.next(Frame.wrap(info.withTimestamp(ts).withId(i), ByteBuffer.wrap(pixels)));
                        return i + 1;
                    }),
                    Process::destroyForcibly);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static byte[] readFully(InputStream in, int size) {
        try {
            byte[] buffer = in.readNBytes(size);
            return buffer.length == size ? buffer : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(Duration.ofMinutes(5).toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                    || p.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
