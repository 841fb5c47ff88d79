package io.teleflux.codecs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent validation with Debian's ffprobe/ffmpeg (package {@code ffmpeg}): the concatenated access units form a
 * clean Constrained Baseline stream with one frame per access unit.
 */
class FfprobeValidationTest {

    private static boolean installed(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.trim();
    }

    private static Path write(Path file, List<EncodedFrame> aus) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            for (EncodedFrame au : aus) {
                out.write(au.data());
            }
        }
        return file;
    }

    @Test
    void x264StreamIsValidForFfprobe(@TempDir Path dir) throws Exception {
        assumeTrue(installed("ffprobe"), "Debian ffmpeg not installed (apt-get install ffmpeg)");
        List<EncodedFrame> aus;
        if (Vtest.available()) {
            List<Frame> frames = Vtest.frames(150);
            try (H264Encoder encoder = H264Encoder.open()) {
                aus = frames.stream().map(encoder::encode).toList();
            } finally {
                frames.forEach(Frame::release);
            }
        } else {
            aus = TestStreams.encode(320, 240, 150);
        }
        check(write(dir.resolve("x264.h264"), aus), aus.size());
    }

    @Test
    void openH264StreamIsValidForFfprobe(@TempDir Path dir) throws Exception {
        assumeTrue(installed("ffprobe"), "Debian ffmpeg not installed (apt-get install ffmpeg)");
        H264EncoderOptions options = H264EncoderOptions.defaults().withImplementation(H264Implementation.OPENH264);
        List<EncodedFrame> aus;
        try (H264Encoder encoder = H264Encoder.open(options)) {
            aus = TestFrames.sequence(320, 240, 90).stream().map(f -> {
                try (f) {
                    return encoder.encode(f);
                }
            }).toList();
        }
        check(write(dir.resolve("openh264.h264"), aus), aus.size());
    }

    private static void check(Path file, int frames) throws Exception {
        String probe = run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,profile,nb_read_frames,has_b_frames", "-of", "default=nw=1", file.toString());
        assertThat(probe).contains("codec_name=h264", "profile=Constrained Baseline", "has_b_frames=0",
                "nb_read_frames=" + frames);
        assertThat(probe).doesNotContainIgnoringCase("error");
        String decode = run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-");
        assertThat(decode).as("ffmpeg -v error output").isEmpty();
        String packets = run("ffprobe", "-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries",
                "stream=nb_read_packets", "-of", "csv=p=0", file.toString());
        assertThat(packets).isEqualTo(Integer.toString(frames));
    }
}
