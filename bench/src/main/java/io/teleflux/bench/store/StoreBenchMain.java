package io.teleflux.bench.store;

import io.teleflux.codecs.video.H264Encoder;
import io.teleflux.codecs.video.H264EncoderOptions;
import io.teleflux.codecs.video.H264Implementation;
import io.teleflux.store.JpegOptions;
import io.teleflux.store.ReplayOptions;
import io.teleflux.store.Store;
import io.teleflux.store.StoreStream;
import io.teleflux.store.Stored;
import io.teleflux.store.StreamInfo;
import io.teleflux.store.StreamType;
import io.teleflux.store.cli.VideoFileReader;
import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import io.teleflux.video.Frames;
import io.teleflux.video.PixelFormat;
import io.teleflux.bench.harness.CliArgs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import reactor.core.publisher.Flux;

/**
 * The store benchmark: the DimOS memory2 storage comparison (JPEG q50 4:2:2 against H.264 at the anchor's settings,
 * 150 frames of vtest.avi at 320x240) reproduced on teleflux's store, then H.264 at equal quality (CRF sweep), write
 * throughput of pre-encoded access units, random seek latency and replay timing. Writes {@code results.md},
 * {@code results.csv} and {@code store.png}. {@code --help} lists the options.
 */
public final class StoreBenchMain {

    static final String USAGE = """
            usage: StoreBenchMain [options]      (main class io.teleflux.bench.store.StoreBenchMain)

            Measures the SQLite store on real video: size and quality of JPEG vs H.264 stores of the same frames,
            write throughput of pre-encoded H.264 access units, random seek latency, replay timing.

            options:
              --video PATH           source video (default ../shared/testdata/vtest.avi, then
                                     /work/shared/testdata/vtest.avi)
              --frames N             frames taken from the video (default 150)
              --size WxH             frame size, area-scaled (default 320x240)
              --fps F                timestamps' frame rate when recording (default 15, as DimOS published)
              --crf-min N, --crf-max N   CRF sweep for the equal-quality search (default 18..36)
              --throughput-frames N  access units written per throughput run (default 30000)
              --runs N               throughput runs, median reported (default 3)
              --seeks N              random seeks measured (default 300, after 30 warm-up)
              --out DIR              results directory (default bench/results/store-<today UTC>)
              --help                 this text
            """;

    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final PrintStream log = System.err;
    private Path video;
    private int frames = 150;
    private int width = 320;
    private int height = 240;
    private double fps = 15;
    private int crfMin = 18;
    private int crfMax = 36;
    private int throughputFrames = 30_000;
    private int runs = 3;
    private int seeks = 300;
    private Path out = Path.of("bench", "results", "store-" + LocalDate.now(ZoneOffset.UTC));
    private Path work;
    private int step;
    private static final int STEPS = 7;

    private StoreBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        StoreBenchMain bench = new StoreBenchMain();
        if (!bench.parse(args)) {
            return;
        }
        bench.run();
        System.exit(0); // Reactor's and JavaCPP's daemon threads are done; do not wait for the GC of natives
    }

    private boolean parse(String[] args) {
        List<String> a = Arrays.asList(args);
        if (a.contains("--help") || a.contains("-h")) {
            System.out.print(USAGE);
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--video" -> video = Path.of(CliArgs.need(args[i], v));
                case "--frames" -> frames = Integer.parseInt(CliArgs.need(args[i], v));
                case "--size" -> {
                    String[] wh = CliArgs.need(args[i], v).split("x");
                    width = Integer.parseInt(wh[0]);
                    height = Integer.parseInt(wh[1]);
                }
                case "--fps" -> fps = Double.parseDouble(CliArgs.need(args[i], v));
                case "--crf-min" -> crfMin = Integer.parseInt(CliArgs.need(args[i], v));
                case "--crf-max" -> crfMax = Integer.parseInt(CliArgs.need(args[i], v));
                case "--throughput-frames" -> throughputFrames = Integer.parseInt(CliArgs.need(args[i], v));
                case "--runs" -> runs = Integer.parseInt(CliArgs.need(args[i], v));
                case "--seeks" -> seeks = Integer.parseInt(CliArgs.need(args[i], v));
                case "--out" -> out = Path.of(CliArgs.need(args[i], v));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--help for usage)");
            }
            i++;
        }
        if (video == null) {
            video = Files.exists(Path.of("../shared/testdata/vtest.avi")) ? Path.of("../shared/testdata/vtest.avi")
                    : Path.of("/work/shared/testdata/vtest.avi");
        }
        return true;
    }


    private void progress(String what) {
        step++;
        log.printf(Locale.ROOT, "[%d/%d] %s%n", step, STEPS, what);
        log.flush();
    }

    private void detail(String what) {
        log.println("      " + what);
        log.flush();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        work = Files.createTempDirectory("teleflux-store-bench");
        StoreBenchResults r = new StoreBenchResults();
        r.environment = String.format(Locale.ROOT, "Run %s UTC on %d CPUs (1-min load average at start: %s), JDK %s,"
                        + " %s. Source: %s, %d frames"
                        + " area-scaled to %dx%d by the bundled ffmpeg, timestamps at %.0f fps. SQLite files measured"
                        + " after close (WAL checkpointed into the file, no VACUUM); page size 4096.",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"),
                System.getProperty("os.name"), video.getFileName(), frames, width, height, fps);

        progress("decoding " + frames + " frames of " + video);
        List<Frame> source = VideoFileReader.frames(video, width, height, frames, T0)
                .index().map(t -> restamp(t.getT2(), T0.plusNanos((long) (t.getT1() * 1e9 / fps))))
                .collectList().block(TIMEOUT);
        if (source.size() != frames) {
            throw new IllegalStateException("the video gave " + source.size() + " frames, " + frames + " wanted");
        }

        progress("JPEG store, quality 50, 4:2:2 (DimOS's default)");
        StoreBenchResults.StoreRun jpeg = storeFrames("jpeg q50 4:2:2", "ImageIO quality 50, 4:2:2",
                StreamType.jpeg(JpegOptions.DEFAULTS), source);
        r.stores.add(jpeg);
        detail(describe(jpeg, jpeg));
        StoreBenchResults.StoreRun ffmpegJpeg = storeFrames("jpeg q50 4:2:2 ffmpeg",
                "FFmpeg mjpeg (codecs-video JpegCodec) quality 50, 4:2:2",
                StreamType.jpeg(JpegOptions.DEFAULTS.withLibrary(JpegOptions.Library.FFMPEG)), source);
        r.stores.add(ffmpegJpeg);
        detail(describe(ffmpegJpeg, jpeg));

        progress("H.264 store at the anchor's settings (x264 ABR 1.5 Mb/s, 1/30 time base, medium, level 3.1, IDR/30)");
        H264EncoderOptions anchorOptions = H264EncoderOptions.defaults().withImplementation(H264Implementation.X264)
                .withBitrate(1_500_000).withFrameRate(30).withPreset("medium").withLevel(31)
                .withKeyframeInterval(30).withThreads(0);
        StoreBenchResults.StoreRun anchor = storeFrames("h264 anchor ABR 1.5M",
                "x264 ABR 1.5 Mb/s, tb 1/30, medium, baseline, level 3.1, zerolatency, IDR/30, threads auto",
                StreamType.h264(anchorOptions), source);
        r.stores.add(anchor);
        detail(describe(anchor, jpeg));
        double anchorRatio = 100.0 * anchor.fileBytes() / jpeg.fileBytes();
        r.metrics.add(new StoreBenchResults.Metric("anchor settings: H.264 file / JPEG file", anchorRatio, "%",
                "reproduce DimOS's 59.8 % (±3 points)", Math.abs(anchorRatio - 59.8) <= 3));

        progress("equal quality: CRF sweep " + crfMin + ".." + crfMax + " (x264 veryfast, GOP 30, threads 1)");
        StoreBenchResults.StoreRun best = null;
        for (int crf = crfMin; crf <= crfMax; crf++) {
            H264EncoderOptions o = crfOptions(crf);
            StoreBenchResults.StoreRun run = storeFrames("h264 crf " + crf, "x264 veryfast CRF " + crf
                    + ", baseline, level 3.1, zerolatency, IDR/30, threads 1", StreamType.h264(o), source);
            r.stores.add(run);
            detail(describe(run, jpeg));
            if (run.psnr() >= jpeg.psnr() - 0.5 && (best == null || run.fileBytes() < best.fileBytes())) {
                best = run;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no CRF in " + crfMin + ".." + crfMax + " reaches the JPEG PSNR - 0.5 dB");
        }
        int bestCrf = Integer.parseInt(best.name().substring("h264 crf ".length()));
        double equalRatio = 100.0 * best.fileBytes() / jpeg.fileBytes();
        r.metrics.add(new StoreBenchResults.Metric(String.format(Locale.ROOT,
                "equal quality (CRF %d, %.2f dB vs JPEG %.2f dB): H.264 file / JPEG file", bestCrf, best.psnr(),
                jpeg.psnr()), equalRatio, "%", "<= 10 %", equalRatio <= 10));
        r.notes.add(String.format(Locale.ROOT, "Equal quality = the smallest H.264 store whose PSNR is at least the "
                + "JPEG store's minus 0.5 dB (%.2f dB): CRF %d.", jpeg.psnr() - 0.5, bestCrf));

        progress("write throughput of pre-encoded access units (" + throughputFrames + " per run, " + runs + " runs)");
        List<EncodedFrame> units = encode(source, crfOptions(bestCrf));
        double[] rates = new double[runs];
        for (int i = 0; i < runs; i++) {
            rates[i] = writeThroughput(units, i);
            detail(String.format(Locale.ROOT, "run %d: %,.0f frames/s", i + 1, rates[i]));
        }
        Arrays.sort(rates);
        double rate = rates[runs / 2];
        r.metrics.add(new StoreBenchResults.Metric("write throughput, pre-encoded AUs (batch 64, median of " + runs
                + ")", rate, "frames/s", ">= 2,000 frames/s", rate >= 2000));

        progress(seeks + " random seeks (GOP 30, " + width + "x" + height + ", fresh decoder from the last keyframe)");
        Path seekFile = work.resolve("h264-crf" + bestCrf + ".db");
        seek(seekFile, r);
        double p50 = StoreBenchResults.percentile(r.seekMillis, 50);
        r.metrics.add(new StoreBenchResults.Metric("random seek p50", p50, "ms", "<= 10 ms", p50 <= 10));
        r.metrics.add(new StoreBenchResults.Metric("random seek p99", StoreBenchResults.percentile(r.seekMillis, 99),
                "ms", "(report)", true));
        detail(String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms", p50,
                StoreBenchResults.percentile(r.seekMillis, 90), StoreBenchResults.percentile(r.seekMillis, 99)));

        progress("replay of the " + frames + "-frame H.264 stream at speed 1.0, 3 runs each: decoded frames, then"
                + " access units");
        replay(seekFile, StreamType.h264(), 10); // warm-up of both paths (JIT, class loading), not measured
        replay(seekFile, StreamType.h264AccessUnits(), 10);
        for (int run = 1; run <= 6; run++) {
            boolean decoded = run <= 3;
            List<Double> errors = decoded ? replay(seekFile, StreamType.h264(), 1)
                    : replay(seekFile, StreamType.h264AccessUnits(), 1);
            double maxError = errors.stream().mapToDouble(Math::abs).max().orElse(Double.NaN);
            double p50Error = StoreBenchResults.percentile(errors.stream().map(Math::abs).toList(), 50);
            double p99Error = StoreBenchResults.percentile(errors.stream().map(Math::abs).toList(), 99);
            r.metrics.add(new StoreBenchResults.Metric("replay at 1.0, " + (decoded ? "decoded frames" : "access units")
                    + ", run " + (decoded ? run : run - 3) + ": max abs offset error over " + frames + " frames (p50 " + String.format(Locale.ROOT, "%.2f", p50Error) + ", p99 "
                    + String.format(Locale.ROOT, "%.2f", p99Error) + " ms; load " + loadAverage() + ")",
                    maxError, "ms", "<= 5 ms", maxError <= 5));
            detail(String.format(Locale.ROOT, "%s run %d: max |error| %.2f ms, p50 %.2f ms, p99 %.2f ms (load %s)",
                    decoded ? "decoded" : "access units", decoded ? run : run - 3, maxError, p50Error, p99Error,
                    loadAverage()));
            if (run == 1) {
                r.replayErrorMillis.addAll(errors);
            }
        }

        r.notes.add("PSNR: mean over the frames of the RGB PSNR of each decoded frame against its source frame "
                + "(decoded H.264 is I420, converted with teleflux's BT.601 rules). The reference measurement "
                + "(reference/h264-javacv-measurements.md) converted with swscale and got lower H.264 PSNRs at high "
                + "rates (anchor 39.0 dB, CRF 23 35.0 dB) for the same byte counts; JPEG PSNR and sizes agree "
                + "(32.32 dB, 1,530,289 B there).");
        r.notes.add("Seek: Store.at(seq) on the CRF store above: keyframe found through the partial index "
                + "entries_keyframes, rows read, a fresh H264Decoder opened and fed from the keyframe.");
        r.notes.add("Replay: Store.replay (Schedulers.parallel clock); error = emission offset from the first frame "
                + "minus the recorded offset, measured with System.nanoTime in onNext; 'decoded frames' decodes on "
                + "the fly (StreamType.h264()), 'access units' replays the stored AUs (StreamType.h264AccessUnits()). "
                + "One warm-up replay of each kind at speed 10 runs first (not measured). "
                + "The per-frame errors of the first decoded run are in results.csv.");
        r.notes.add("Timing figures (throughput, seek, replay) depend on the machine's load: the 2 vCPUs were shared "
                + "with other builds; the load averages are given with the replay runs.");
        r.writeCsv(out.resolve("results.csv"));
        r.writeMarkdown(out.resolve("results.md"), jpeg);
        StorePlot.write(r, out.resolve("store.png"));
        source.forEach(Frame::release);
        log.println("results in " + out.toAbsolutePath());
        for (StoreBenchResults.Metric m : r.metrics) {
            log.printf(Locale.ROOT, "  %-80s %12s %-9s goal %-20s %s%n", m.name(), StoreBenchResults.format(m.value()),
                    m.unit(), m.goal(), m.pass() ? "met" : "NOT MET");
        }
        deleteTree(work);
    }

    private static H264EncoderOptions crfOptions(int crf) {
        return H264EncoderOptions.defaults().withImplementation(H264Implementation.X264).withCrf(crf)
                .withPreset("veryfast").withLevel(31).withKeyframeInterval(30).withFrameRate(30).withThreads(1);
    }

    private static Frame restamp(Frame f, Instant ts) {
        return Frame.wrap(f.info().withTimestamp(ts), f.data(), b -> f.release());
    }

    private String describe(StoreBenchResults.StoreRun s, StoreBenchResults.StoreRun jpeg) {
        return String.format(Locale.ROOT,
                "%-22s payload %,10d B  file %,10d B (%5.1f %% of JPEG)  %.2f dB  %.2f ms/frame",
                s.name(), s.payloadBytes(), s.fileBytes(), 100.0 * s.fileBytes() / jpeg.fileBytes(), s.psnr(),
                s.encodeMsPerFrame());
    }

    /** Records the frames into a fresh store, closes it, measures the file, reads back for PSNR. */
    private StoreBenchResults.StoreRun storeFrames(String name, String settings, StreamType<Frame> type,
                                                   List<Frame> source) throws IOException {
        Path file = work.resolve(name.replace(' ', '-').replace(':', '-').replace('.', '_') + ".db");
        if (name.startsWith("h264 crf ")) {
            file = work.resolve("h264-crf" + name.substring("h264 crf ".length()) + ".db");
        }
        long start = System.nanoTime();
        try (Store store = Store.open(file)) {
            store.stream("camera", type).record(Flux.fromIterable(source).map(Frame::retain)).block(TIMEOUT);
        }
        double msPerFrame = (System.nanoTime() - start) / 1e6 / source.size();
        long fileBytes = Files.size(file) + sizeIfExists(file.resolveSibling(file.getFileName() + "-wal"));
        try (Store store = Store.openReadOnly(file)) {
            StoreStream<Frame> s = store.stream("camera", type);
            StreamInfo info = s.info();
            double[] sum = {0};
            long n = s.read().doOnNext(row -> {
                sum[0] += psnr(source.get((int) row.seq()), row.value());
                row.value().release();
            }).count().block(TIMEOUT);
            if (n != source.size()) {
                throw new IllegalStateException(name + ": read back " + n + " frames of " + source.size());
            }
            return new StoreBenchResults.StoreRun(name, settings, info.bytes(), fileBytes, sum[0] / n, msPerFrame,
                    (int) info.keyframes());
        }
    }

    private static long sizeIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.size(p) : 0;
    }

    private static List<EncodedFrame> encode(List<Frame> source, H264EncoderOptions options) {
        List<EncodedFrame> units = new ArrayList<>();
        try (H264Encoder encoder = H264Encoder.open(options)) {
            for (Frame f : source) {
                units.add(encoder.encode(f));
            }
        }
        return units;
    }

    /** Writes {@code throughputFrames} access units (the encoded clip repeated, renumbered) and returns frames/s. */
    private double writeThroughput(List<EncodedFrame> units, int run) throws IOException {
        Path file = work.resolve("throughput-" + run + ".db");
        int n = units.size();
        Flux<EncodedFrame> aus = Flux.range(0, throughputFrames).map(i -> {
            EncodedFrame u = units.get(i % n);
            long offset = (long) (i / n) * n;
            return new EncodedFrame(u.codec(), u.seq() + offset, u.keyframe(), u.keyframeSeq() + offset,
                    u.pts() + offset * 6000, u.width(), u.height(), u.data());
        });
        long start;
        long elapsed;
        try (Store store = Store.open(file)) {
            StoreStream<EncodedFrame> s = store.stream("camera", StreamType.h264AccessUnits());
            start = System.nanoTime();
            s.record(aus).block(TIMEOUT);
            elapsed = System.nanoTime() - start;
            if (s.info().count() != throughputFrames) {
                throw new IllegalStateException("wrote " + s.info().count() + " of " + throughputFrames);
            }
        }
        Files.deleteIfExists(file);
        return throughputFrames / (elapsed / 1e9);
    }

    private void seek(Path file, StoreBenchResults r) {
        Random random = new Random(1);
        try (Store store = Store.openReadOnly(file)) {
            StoreStream<Frame> s = store.stream("camera", StreamType.h264());
            for (int i = 0; i < 30 + seeks; i++) {
                long seq = random.nextInt(frames);
                long t = System.nanoTime();
                Stored<Frame> row = s.at(seq).block(TIMEOUT);
                double ms = (System.nanoTime() - t) / 1e6;
                if (row == null || row.seq() != seq) {
                    throw new IllegalStateException("seek to " + seq + " gave " + row);
                }
                row.value().release();
                if (i >= 30) {
                    r.seekMillis.add(ms);
                }
            }
        }
    }

    private <T> List<Double> replay(Path file, StreamType<T> type, double speed) {
        List<Double> errors = new ArrayList<>();
        try (Store store = Store.openReadOnly(file)) {
            StoreStream<T> s = store.stream("camera", type);
            long[] first = {-1};
            Instant[] firstTs = {null};
            s.replay(ReplayOptions.DEFAULTS.withSpeed(speed)).doOnNext(row -> {
                long now = System.nanoTime();
                if (first[0] < 0) {
                    first[0] = now;
                    firstTs[0] = row.timestamp();
                }
                double actual = (now - first[0]) / 1e6;
                double recorded = Duration.between(firstTs[0], row.timestamp()).toNanos() / 1e6 / speed;
                errors.add(actual - recorded);
                if (row.value() instanceof Frame f) {
                    f.release();
                }
            }).blockLast(TIMEOUT);
        }
        return errors;
    }

    /** The 1-minute load average, to judge timing figures on a shared machine. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static double psnr(Frame source, Frame decoded) {
        try (Frame a = Frames.convert(source, PixelFormat.RGB24);
             Frame b = Frames.convert(decoded, PixelFormat.RGB24)) {
            ByteBuffer x = a.data();
            ByteBuffer y = b.data();
            long sum = 0;
            int n = x.remaining();
            for (int i = 0; i < n; i++) {
                int d = (x.get(i) & 0xFF) - (y.get(i) & 0xFF);
                sum += (long) d * d;
            }
            double mse = (double) sum / n;
            return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
