package io.teleflux.bench.harness;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.LatencyStamp;
import io.teleflux.video.PixelFormat;
import io.teleflux.video.VideoCodec;
import io.teleflux.webrtc.InProcessSignaling;
import io.teleflux.webrtc.Signaling;
import io.teleflux.webrtc.VideoOptions;
import io.teleflux.webrtc.WebRtcConfig;
import io.teleflux.webrtc.WebRtcSessions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/**
 * Glass-to-glass latency of a WebRTC video track between two teleflux sessions in this JVM: the robot draws its wall
 * clock into each synthetic frame as a 22-bit {@link LatencyStamp} just before {@code sendVideo}, the operator reads
 * it from each decoded frame and subtracts it from its own clock. So the figure covers pacing, conversion to a native
 * buffer, encoding, packetisation, the (namespace-local) network, jitter buffer, decoding and the copy out of
 * libwebrtc; not a camera's exposure or a display's refresh. Millisecond resolution.
 */
final class GlassToGlass {

    static final String USAGE = String.join("\n",
            "Usage: ./teleflux bench harness video [options]",
            "",
            "Glass-to-glass latency over a WebRTC video track (Java robot -> Java operator, same JVM, 22-bit luma",
            "stamp as in DimOS hosted teleop): p50/p90/p99/max in ms, frames sent/dropped/received.",
            "",
            "Options:",
            "  --size WxH        frame size (default 640x480; width >= 416)",
            "  --fps N           frames per second produced and the sender's ceiling (default 30)",
            "  --codec C         h264 or vp8 (default h264)",
            "  --warmup SECONDS  not measured, while the bandwidth estimate ramps up (default 3)",
            "  --duration SECONDS measured time (default 20)",
            "  --out DIR         output folder for video-latency.md (default bench/results/latest)",
            "  -h, --help        show this help");

    private GlassToGlass() {
    }

    /** The parsed options. */
    record Options(int width, int height, double fps, VideoCodec codec, Duration warmUp, Duration duration, Path out) {
    }

    static Options parse(String[] args) {
        int width = 640;
        int height = 480;
        double fps = 30;
        VideoCodec codec = VideoCodec.H264;
        double warm = 3;
        double duration = 20;
        Path out = Path.of("bench/results/latest");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--size" -> {
                    String[] wh = CliArgs.need(a, v).toLowerCase(Locale.ROOT).split("x");
                    width = Integer.parseInt(wh[0]);
                    height = Integer.parseInt(wh[1]);
                    i++;
                }
                case "--fps" -> {
                    fps = Double.parseDouble(CliArgs.need(a, v));
                    i++;
                }
                case "--codec" -> {
                    codec = switch (CliArgs.need(a, v).toLowerCase(Locale.ROOT)) {
                        case "h264" -> VideoCodec.H264;
                        case "vp8" -> VideoCodec.VP8;
                        default -> throw new IllegalArgumentException("--codec takes h264 or vp8, was " + v);
                    };
                    i++;
                }
                case "--warmup" -> {
                    warm = Double.parseDouble(CliArgs.need(a, v));
                    i++;
                }
                case "--duration" -> {
                    duration = Double.parseDouble(CliArgs.need(a, v));
                    i++;
                }
                case "--out" -> {
                    out = Path.of(CliArgs.need(a, v));
                    i++;
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (width < LatencyStamp.MIN_WIDTH || height < 32 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("--size must be even, at least " + LatencyStamp.MIN_WIDTH + "x32");
        }
        if (!(fps > 0 && fps <= 120) || !(warm >= 0) || !(duration > 0)) {
            throw new IllegalArgumentException("--fps must be in (0, 120], --warmup >= 0, --duration > 0");
        }
        return new Options(width, height, fps, codec, Duration.ofMillis((long) (warm * 1000)),
                Duration.ofMillis((long) (duration * 1000)), out);
    }


    static void main(String[] args) throws IOException {
        if (Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        String report = run(o);
        Files.createDirectories(o.out());
        Path file = o.out().resolve("video-latency.md");
        Files.writeString(file, report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("Wrote " + file);
    }

    static String run(Options o) {
        InProcessSignaling signaling = Signaling.inProcess("glass-to-glass");
        VideoOptions video = VideoOptions.defaults().withMaxFramesPerSecond(o.fps()).withCodecs(o.codec());
        Tuple2<Session, Session> pair = Mono.zip(
                Teleflux.robot(WebRtcConfig.of(signaling.robot()).withVideo(video))
                        .channels(List.of(Channels.STATE_RELIABLE)).connect(),
                Teleflux.operator(WebRtcConfig.of(signaling.operator()).withVideo(video))
                        .channels(List.of(Channels.STATE_RELIABLE)).connect())
                .block(Duration.ofSeconds(30));
        if (pair == null) {
            throw new IllegalStateException("the sessions did not connect");
        }
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        long measureFrom = System.nanoTime() + o.warmUp().toNanos();
        long[] latencies = new long[(int) Math.ceil(o.fps() * o.duration().toSeconds() * 2) + 1000];
        AtomicLong count = new AtomicLong();
        AtomicLong unreadable = new AtomicLong();
        AtomicLong received = new AtomicLong();
        Disposable receiver = operator.receiveVideo().subscribe(frame -> {
            try (frame) {
                long now = System.currentTimeMillis();
                received.incrementAndGet();
                OptionalLong stamp = frame.width() >= LatencyStamp.MIN_WIDTH ? LatencyStamp.read(frame)
                        : OptionalLong.empty();
                if (stamp.isEmpty()) {
                    unreadable.incrementAndGet();
                } else if (System.nanoTime() >= measureFrom) {
                    int i = (int) count.getAndIncrement();
                    if (i < latencies.length) {
                        latencies[i] = LatencyStamp.elapsedMillis(stamp.getAsLong(), now);
                    }
                }
            }
        });
        SyntheticCamera camera = new SyntheticCamera(o.width(), o.height());
        Disposable sender = robot.sendVideo(Flux.interval(Duration.ofNanos((long) (1e9 / o.fps())))
                        .onBackpressureDrop()
                        .map(camera::next))
                .subscribe(null, e -> System.err.println("sendVideo failed: " + e));
        Mono.delay(o.warmUp().plus(o.duration())).block();
        sender.dispose();
        receiver.dispose();
        long sent = WebRtcSessions.videoFramesSent(robot);
        long dropped = WebRtcSessions.videoFramesDropped(robot);
        long decoded = WebRtcSessions.videoFramesReceived(operator);
        Flux.just(robot, operator).flatMap(Session::disposeLater).blockLast(Duration.ofSeconds(30));
        int n = (int) Math.min(count.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        String header = String.format(Locale.ROOT, "Measured %s, %d cores, Java %s: %dx%d @ %.0f fps, %s, %s "
                        + "warm-up, %s measured, Java -> Java over a WebRTC video track in one JVM.", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), o.width(),
                o.height(), o.fps(), o.codec(), o.warmUp(), o.duration());
        StringBuilder md = new StringBuilder("# Glass-to-glass video latency\n\n").append(header).append("\n\n");
        md.append("| codec | size | fps | frames measured | p50 ms | p90 ms | p99 ms | max ms | pushed | dropped "
                + "(pacing) | decoded | unreadable stamps |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| %s | %dx%d | %.0f | %d | %s | %s | %s | %s | %d | %d | %d | %d |%n",
                o.codec(), o.width(), o.height(), o.fps(), n, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                n == 0 ? "-" : Long.toString(sorted[n - 1]), sent, dropped, decoded, unreadable.get()));
        return md.toString();
    }

    private static String pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return "-";
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return Long.toString(sorted[Math.max(0, Math.min(sorted.length - 1, i))]);
    }

    /**
     * Frames with motion (diagonal bars and a box moving every frame, so the encoder has real work) and the stamp of
     * the moment they are made in their bottom {@link LatencyStamp#STRIP_ROWS} rows.
     */
    static final class SyntheticCamera {
        private final int width;
        private final int height;
        private long id;

        SyntheticCamera(int width, int height) {
            this.width = width;
            this.height = height;
        }

        Frame next(long tick) {
            FrameInfo info = FrameInfo.of(PixelFormat.I420, width, height).withId(id);
            byte[] data = new byte[info.bufferSize()];
            int shift = (int) (id * 4);
            int boxX = (int) ((id * 7) % (width - 64));
            int boxY = (int) ((id * 3) % (height - 64 - LatencyStamp.STRIP_ROWS));
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    boolean box = x >= boxX && x < boxX + 64 && y >= boxY && y < boxY + 64;
                    data[row + x] = box ? (byte) 230 : (byte) (40 + (((x + y + shift) >> 4) & 7) * 20);
                }
            }
            int luma = width * height;
            int cw = width / 2;
            for (int y = 0; y < height / 2; y++) {
                for (int x = 0; x < cw; x++) {
                    data[luma + y * cw + x] = (byte) (96 + ((x + shift) & 63));
                    data[luma + cw * (height / 2) + y * cw + x] = (byte) (160 - ((y + shift) & 63));
                }
            }
            id++;
            LatencyStamp.draw(ByteBuffer.wrap(data), width, width, height, System.currentTimeMillis());
            return Frame.wrap(info.withTimestamp(Instant.now()), ByteBuffer.wrap(data));
        }
    }
}
