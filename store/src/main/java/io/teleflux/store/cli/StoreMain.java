package io.teleflux.store.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teleflux.MessageType;
import io.teleflux.codecs.video.H264EncoderOptions;
import io.teleflux.store.JpegOptions;
import io.teleflux.store.ReplayOptions;
import io.teleflux.store.Store;
import io.teleflux.store.StoreException;
import io.teleflux.store.StoreStream;
import io.teleflux.store.Stored;
import io.teleflux.store.StreamInfo;
import io.teleflux.store.StreamType;
import io.teleflux.video.Frame;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's command line: {@code list}, {@code summary}, {@code export}, {@code record} (import a video file) and
 * {@code replay} (print rows as JSON lines at their recorded timing). {@code --help} explains each.
 */
public final class StoreMain {

    static final String USAGE = """
            usage: store <command> [arguments]        (main class io.teleflux.store.cli.StoreMain)

            Inspect, export, record into and replay a teleflux store (one SQLite file holding many streams).

            commands:
              list FILE
                  one line per stream: name, payload type, codec, rows
              summary FILE
                  per stream: rows, duration, bytes, bytes/row, rows/s, keyframes; and the file size
              export FILE STREAM OUT [--format h264|mp4|mjpeg|jsonl]
                  h264   H.264 stream as an Annex B elementary stream (.h264), byte for byte
                  mp4    H.264 stream muxed into MP4 by the bundled ffmpeg (stream copy, average frame rate)
                  mjpeg  JPEG stream as concatenated JPEG files
                  jsonl  any stream as JSON lines: seq, ts, tags and the message (LCM and JSON control
                         messages) or the payload in base64
                  The default format follows OUT's extension (.h264, .mp4, .mjpeg, else jsonl).
              record FILE --video PATH [--stream NAME] [--codec h264|jpeg] [--size WxH] [--frames N]
                          [--crf N] [--quality N]
                  import a video file's frames (decoded and scaled by the bundled ffmpeg) into a video stream;
                  defaults: stream "camera", codec h264 (CRF 23, veryfast, IDR every 30), the video's own size
                  rounded to even numbers, every frame, JPEG quality 50 4:2:2; timestamps from the frame rate
              replay FILE [--stream NAME]... [--speed X] [--from ISO-8601] [--loop]
                  print every row of the streams (default: all) as a JSON line at its recorded time, all streams
                  on one clock; speed 1.0 by default

            exit status: 0 done, 1 failed (message on stderr), 2 bad usage
            """;

    private StoreMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        try {
            switch (args[0]) {
                case "list" -> list(path(rest, 0), out);
                case "summary" -> summary(path(rest, 0), out);
                case "export" -> export(rest, out);
                case "record" -> record(rest, out);
                case "replay" -> replay(rest, out);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            }
            return 0;
        } catch (UsageException e) {
            err.println("store: " + e.getMessage() + " (--help for usage)");
            return 2;
        } catch (StoreException | IllegalArgumentException | IllegalStateException | java.io.IOException
                 | java.io.UncheckedIOException e) {
            err.println("store: " + e.getMessage());
            return 1;
        }
    }

    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static Path path(List<String> args, int index) {
        if (args.size() <= index || args.get(index).startsWith("--")) {
            throw new UsageException("missing argument " + (index + 1));
        }
        return Path.of(args.get(index));
    }

    private static Path existing(List<String> args) {
        Path file = path(args, 0);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no store at " + file);
        }
        return file;
    }

    /** The value after {@code name}, removed from {@code args} with it; {@code null} if absent. */
    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0) {
            return null;
        }
        if (i + 1 >= args.size()) {
            throw new UsageException(name + " needs a value");
        }
        String value = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return value;
    }

    private static void list(Path file, PrintStream out) {
        try (Store store = Store.openReadOnly(existingFile(file))) {
            for (StreamInfo s : store.streams()) {
                out.printf(Locale.ROOT, "%-24s %-28s %-5s %,10d rows%n", s.name(), s.payloadType(), s.codec(),
                        s.count());
            }
        }
    }

    private static Path existingFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no store at " + file);
        }
        return file;
    }

    private static void summary(Path file, PrintStream out) throws java.io.IOException {
        try (Store store = Store.openReadOnly(existingFile(file))) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", "stream", "type/codec", "rows",
                    "duration s", "bytes", "B/row", "rows/s", "keyframes");
            out.println("|---|---|---:|---:|---:|---:|---:|---:|");
            for (StreamInfo s : store.streams()) {
                double seconds = s.duration().toNanos() / 1e9;
                out.printf(Locale.ROOT, "| %s | %s/%s | %,d | %.3f | %,d | %,.0f | %.2f | %,d |%n", s.name(),
                        s.payloadType(), s.codec(), s.count(), seconds, s.bytes(),
                        s.count() == 0 ? 0.0 : (double) s.bytes() / s.count(),
                        seconds > 0 ? (s.count() - 1) / seconds : 0.0, s.keyframes());
            }
        }
        long size = Files.size(file);
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        out.printf(Locale.ROOT, "%nfile %s: %,d bytes%s%n", file, size,
                Files.exists(wal) ? String.format(Locale.ROOT, " (+ %,d bytes of WAL)", Files.size(wal)) : "");
    }

    private static void export(List<String> args, PrintStream out) throws java.io.IOException {
        String format = option(args, "--format");
        Path file = existing(args);
        if (args.size() < 3) {
            throw new UsageException("export needs FILE STREAM OUT");
        }
        String name = args.get(1);
        Path target = Path.of(args.get(2));
        try (Store store = Store.openReadOnly(file)) {
            StreamInfo info = store.info(name).orElseThrow(() ->
                    new IllegalArgumentException("no stream '" + name + "' in " + file));
            String f = format != null ? format : Exporter.formatOf(target);
            long n = Exporter.export(store, info, target, f);
            out.printf(Locale.ROOT, "exported %,d rows of '%s' to %s (%s, %,d bytes)%n", n, name, target, f,
                    Files.size(target));
        }
    }

    private static void record(List<String> args, PrintStream out) {
        String video = option(args, "--video");
        String stream = option(args, "--stream");
        String codec = option(args, "--codec");
        String size = option(args, "--size");
        String frames = option(args, "--frames");
        String crf = option(args, "--crf");
        String quality = option(args, "--quality");
        if (video == null) {
            throw new UsageException("record needs --video PATH");
        }
        Path file = path(args, 0);
        int width;
        int height;
        if (size != null) {
            String[] wh = size.toLowerCase(Locale.ROOT).split("x");
            if (wh.length != 2) {
                throw new UsageException("--size is WIDTHxHEIGHT, was " + size);
            }
            width = Integer.parseInt(wh[0]);
            height = Integer.parseInt(wh[1]);
        } else {
            String[] wh = VideoFileReader.run(List.of(BundledFfmpeg.ffprobe().toString(), "-v", "error",
                    "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x",
                    video)).trim().split("x");
            width = Integer.parseInt(wh[0].trim()) & ~1;
            height = Integer.parseInt(wh[1].trim()) & ~1;
        }
        int max = frames == null ? Integer.MAX_VALUE : Integer.parseInt(frames);
        StreamType<Frame> type = switch (codec == null ? "h264" : codec) {
            case "h264" -> StreamType.h264(crf == null ? H264EncoderOptions.defaults()
                    : H264EncoderOptions.defaults().withCrf(Integer.parseInt(crf)));
            case "jpeg" -> StreamType.jpeg(quality == null ? JpegOptions.DEFAULTS
                    : JpegOptions.DEFAULTS.withQuality(Integer.parseInt(quality)));
            default -> throw new UsageException("--codec is h264 or jpeg, was " + codec);
        };
        String name = stream == null ? "camera" : stream;
        long start = System.nanoTime();
        try (Store store = Store.open(file)) {
            StoreStream<Frame> s = store.stream(name, type);
            AtomicLong count = new AtomicLong();
            s.record(VideoFileReader.frames(Path.of(video), width, height, max, Instant.now())
                    .doOnNext(f -> {
                        if (count.incrementAndGet() % 50 == 0) {
                            out.printf(Locale.ROOT, "\r%,d frames", count.get());
                        }
                    })).block(Duration.ofHours(24));
            StreamInfo info = s.info();
            out.printf(Locale.ROOT, "\rrecorded %,d frames (%dx%d, %s) into '%s' of %s: %,d bytes in %.1f s%n",
                    count.get(), width, height, type.codec(), name, file, info.bytes(),
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static void replay(List<String> args, PrintStream out) {
        List<String> names = new ArrayList<>();
        for (String n = option(args, "--stream"); n != null; n = option(args, "--stream")) {
            names.add(n);
        }
        String speed = option(args, "--speed");
        String from = option(args, "--from");
        boolean loop = args.remove("--loop");
        Path file = existing(args);
        ReplayOptions options = ReplayOptions.DEFAULTS
                .withSpeed(speed == null ? 1.0 : Double.parseDouble(speed))
                .withLoop(loop);
        if (from != null) {
            options = options.withFrom(Instant.parse(from));
        }
        try (Store store = Store.openReadOnly(file)) {
            if (names.isEmpty()) {
                store.streams().forEach(s -> names.add(s.name()));
            }
            List<StoreStream<?>> streams = new ArrayList<>();
            for (String n : names) {
                StreamInfo info = store.info(n).orElseThrow(() ->
                        new IllegalArgumentException("no stream '" + n + "' in " + file));
                MessageType<?> type = info.codec().equals("lcm")
                        ? MessageTypes.byName(info.payloadType()).orElse(null) : null;
                streams.add(type != null ? store.stream(n, StreamType.messages(type))
                        : store.stream(n, StreamType.undecoded()));
            }
            long t0 = System.nanoTime();
            store.replay(options, streams.toArray(new StoreStream<?>[0]))
                    .doOnNext(row -> out.println(line(row, (System.nanoTime() - t0) / 1e6)))
                    .blockLast();
        }
    }

    private static String line(Stored<?> row, double offsetMillis) {
        ObjectNode node = Exporter.header(row);
        node.put("offset_ms", Math.round(offsetMillis * 1000) / 1000.0);
        if (row.value() instanceof byte[] bytes) {
            node.put("size", bytes.length);
        } else {
            node.set("value", Exporter.JSON.valueToTree(row.value()));
        }
        return node.toString();
    }

}
