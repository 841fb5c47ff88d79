package io.teleflux.store.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teleflux.MessageType;
import io.teleflux.store.Store;
import io.teleflux.store.StoreStream;
import io.teleflux.store.Stored;
import io.teleflux.store.StreamInfo;
import io.teleflux.store.StreamType;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Writes one stream to a file: Annex B or MP4 for H.264, concatenated JPEGs, JSON lines for everything. */
final class Exporter {

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final Duration TIMEOUT = Duration.ofHours(1);

    private Exporter() {
    }

    /** The format implied by a file name: h264, mp4, mjpeg or jsonl. */
    static String formatOf(Path out) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".h264") || name.endsWith(".264")) {
            return "h264";
        }
        if (name.endsWith(".mp4")) {
            return "mp4";
        }
        if (name.endsWith(".mjpeg") || name.endsWith(".mjpg")) {
            return "mjpeg";
        }
        return "jsonl";
    }

    /** Exports and returns the number of rows written. */
    static long export(Store store, StreamInfo info, Path out, String format) throws IOException {
        switch (format) {
            case "h264", "mp4" -> {
                require(info, "h264", format);
                if (format.equals("h264")) {
                    return concatenate(store, info, out);
                }
                return mp4(store, info, out);
            }
            case "mjpeg" -> {
                require(info, "jpeg", format);
                return concatenate(store, info, out);
            }
            case "jsonl" -> {
                return jsonLines(store, info, out);
            }
            default -> throw new IllegalArgumentException("unknown format '" + format + "' (h264, mp4, mjpeg, jsonl)");
        }
    }

    private static void require(StreamInfo info, String codec, String format) {
        if (!info.codec().equals(codec)) {
            throw new IllegalArgumentException("stream '" + info.name() + "' has codec " + info.codec() + "; "
                    + format + " needs " + codec);
        }
    }

    /** Payloads back to back: an Annex B elementary stream for H.264, a motion-JPEG file for JPEG. */
    private static long concatenate(Store store, StreamInfo info, Path out) throws IOException {
        StoreStream<byte[]> s = store.stream(info.name(), StreamType.undecoded());
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            return s.read().doOnNext(row -> write(o, row.value())).count().block(TIMEOUT);
        }
    }

    private static void write(OutputStream o, byte[] data) {
        try {
            o.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * MP4 through the bundled ffmpeg's muxer (stream copy, no re-encoding), at the stream's average frame rate: MP4
     * needs a constant rate here, the per-frame timestamps stay in the store.
     */
    private static long mp4(Store store, StreamInfo info, Path out) throws IOException {
        Path annexB = Files.createTempFile("teleflux-export", ".h264");
        try {
            long n = concatenate(store, info, annexB);
            double seconds = info.duration().toNanos() / 1e9;
            double fps = n > 1 && seconds > 0 ? (n - 1) / seconds : 30;
            VideoFileReader.run(List.of(BundledFfmpeg.ffmpeg().toString(), "-v", "error", "-y", "-f", "h264",
                    "-framerate", String.format(Locale.ROOT, "%.6f", fps), "-i", annexB.toString(), "-c", "copy",
                    out.toString()));
            return n;
        } finally {
            Files.deleteIfExists(annexB);
        }
    }

    /** One JSON object per row: seq, ts, ts_ns, tags, and the decoded message (or the payload in base64). */
    private static long jsonLines(Store store, StreamInfo info, Path out) throws IOException {
        MessageType<?> type = info.codec().equals("lcm") ? MessageTypes.byName(info.payloadType()).orElse(null)
                : null;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
            if (type != null) {
                return store.stream(info.name(), StreamType.messages(type)).read()
                        .doOnNext(row -> line(w, row, JSON.valueToTree(row.value()))).count().block(TIMEOUT);
            }
            return store.stream(info.name(), StreamType.undecoded()).read()
                    .doOnNext(row -> line(w, row, JSON.getNodeFactory().textNode(
                            Base64.getEncoder().encodeToString(row.value()))))
                    .count().block(TIMEOUT);
        }
    }

    static ObjectNode header(Stored<?> row) {
        ObjectNode node = JSON.createObjectNode();
        node.put("stream", row.stream());
        node.put("seq", row.seq());
        node.put("ts", row.timestamp().toString());
        node.put("ts_ns", row.timestamp().getEpochSecond() * 1_000_000_000L + row.timestamp().getNano());
        if (!row.tags().isEmpty()) {
            node.set("tags", JSON.valueToTree(row.tags()));
        }
        return node;
    }

    private static void line(Writer w, Stored<?> row, com.fasterxml.jackson.databind.JsonNode value) {
        ObjectNode node = header(row);
        node.set(value.isTextual() ? "data_base64" : "value", value);
        try {
            w.write(JSON.writeValueAsString(node));
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
