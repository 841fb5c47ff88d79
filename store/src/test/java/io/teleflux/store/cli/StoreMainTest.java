package io.teleflux.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import io.teleflux.store.Entry;
import io.teleflux.store.RecordOptions;
import io.teleflux.store.Store;
import io.teleflux.store.StoreStream;
import io.teleflux.store.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class StoreMainTest {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path dir;
    Path file;
    Path video;

    @BeforeEach
    void recordAVideoAndMessages() {
        video = dir.resolve("clip.avi");
        VideoFileReader.run(List.of(BundledFfmpeg.ffmpeg().toString(), "-v", "error", "-f", "lavfi", "-i",
                "testsrc=size=176x144:rate=10", "-frames:v", "40", "-c:v", "mjpeg", "-q:v", "3", video.toString()));
        file = dir.resolve("run.db");
        assertThat(run("record", file.toString(), "--video", video.toString(), "--size", "160x120")).isZero();
        try (Store store = Store.open(file)) {
            StoreStream<TwistStamped> cmd = store.stream("cmd", StreamType.messages(TwistStamped.TYPE));
            StepVerifier.create(cmd.recordEntries(Flux.range(0, 5).map(i -> Entry.of(T0.plusMillis(100L * i),
                    TwistStamped.of(i, 0, 0, "base", new Vector3(i, 0, 0), Vector3.ZERO))), RecordOptions.WAIT))
                    .expectComplete().verify(TIMEOUT);
        }
    }

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        out.reset();
        err.reset();
        return StoreMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpAndBadUsage() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("export FILE STREAM OUT", "replay FILE");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("export", file.toString())).isEqualTo(2);
        assertThat(run("list", dir.resolve("none.db").toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no store at");
    }

    @Test
    void listAndSummary() {
        assertThat(run("list", file.toString())).isZero();
        assertThat(out()).contains("camera", "video", "h264", "40 rows", "cmd", "geometry_msgs.TwistStamped");
        assertThat(run("summary", file.toString())).isZero();
        assertThat(out()).contains("| camera | video/h264 | 40 | 3.900 |").contains("| cmd |").contains("| 2 |");
    }

    @Test
    void exportsH264AsAnnexBAndMp4() throws Exception {
        Path h264 = dir.resolve("camera.h264");
        assertThat(run("export", file.toString(), "camera", h264.toString())).isZero();
        byte[] expected;
        try (Store store = Store.openReadOnly(file)) {
            ByteArrayOutputStream concat = new ByteArrayOutputStream();
            store.stream("camera", StreamType.h264AccessUnits()).read()
                    .doOnNext(s -> concat.writeBytes(s.value().data())).blockLast(TIMEOUT);
            expected = concat.toByteArray();
        }
        assertThat(Files.readAllBytes(h264)).isEqualTo(expected);

        Path mp4 = dir.resolve("camera.mp4");
        assertThat(run("export", file.toString(), "camera", mp4.toString())).isZero();
        String probe = VideoFileReader.run(List.of(BundledFfmpeg.ffprobe().toString(), "-v", "error", "-count_frames",
                "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height,nb_read_frames",
                "-of", "csv=p=0", mp4.toString()));
        assertThat(probe.trim()).isEqualTo("h264,160,120,40");

        assertThat(run("export", file.toString(), "cmd", dir.resolve("x.h264").toString())).isEqualTo(1);
    }

    @Test
    void recordsJpegAndExportsMotionJpeg() {
        assertThat(run("record", file.toString(), "--video", video.toString(), "--codec", "jpeg", "--stream", "jpg",
                "--frames", "12", "--quality", "80")).isZero();
        Path mjpeg = dir.resolve("jpg.mjpeg");
        assertThat(run("export", file.toString(), "jpg", mjpeg.toString())).isZero();
        String probe = VideoFileReader.run(List.of(BundledFfmpeg.ffprobe().toString(), "-v", "error", "-f", "mjpeg",
                "-count_frames", "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0",
                mjpeg.toString()));
        assertThat(probe.trim()).isEqualTo("mjpeg,176,144,12");
    }

    @Test
    void exportsMessagesAsJsonLines() throws Exception {
        Path jsonl = dir.resolve("cmd.jsonl");
        assertThat(run("export", file.toString(), "cmd", jsonl.toString())).isZero();
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(5);
        JsonNode third = Exporter.JSON.readTree(lines.get(2));
        assertThat(third.get("seq").asLong()).isEqualTo(2);
        assertThat(third.get("ts").asText()).isEqualTo("2026-11-21T12:00:00.200Z");
        assertThat(third.at("/value/twist/linear/x").asDouble()).isEqualTo(2.0);
        assertThat(third.at("/value/header/frameId").asText()).isEqualTo("base");
    }

    @Test
    void replayPrintsRowsAtTheirTime() throws Exception {
        assertThat(run("replay", file.toString(), "--stream", "cmd", "--speed", "10")).isZero();
        List<JsonNode> rows = out().lines().map(l -> {
            try {
                return Exporter.JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(rows).extracting(r -> r.get("seq").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(rows.get(4).get("offset_ms").asDouble()).isBetween(35.0, 1000.0); // 400 ms at speed 10
    }

}
