package io.teleflux.samples.go2;

import io.teleflux.video.Frame;
import io.teleflux.video.Frames;
import io.teleflux.video.PixelFormat;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import reactor.core.scheduler.Schedulers;

/**
 * A quick, JMH-free look at the camera's cost per frame on one core (not a test: speed belongs in benchmarks):
 * {@code java -cp ... io.teleflux.samples.go2.RenderCost [frames] [png]}. Renders along a moving path after a warm-up
 * and prints the mean and 99th percentile; with a second argument, writes the last frame as a PNG for a look.
 */
final class RenderCost {

    private RenderCost() {
    }

    private static String summary(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return String.format(Locale.ROOT, "mean %.2f ms, p50 %.2f ms, p99 %.2f ms",
                Arrays.stream(v).average().orElse(0) / 1e6, v[v.length / 2] / 1e6, v[v.length * 99 / 100] / 1e6);
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 900;
        Go2Options options = Go2Options.defaults().withLatencyStamp(true);
        Pose[] pose = {Pose.ORIGIN};
        Camera camera = new Camera(options, t -> pose[0], new RobotClock(Schedulers.parallel()));
        WorldRenderer renderer = new WorldRenderer(options.width(), options.height());
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] nanos = new long[frames];
        long[] cpu = new long[frames];
        Frame last = null;
        for (int i = -300; i < frames; i++) {                   // 300 warm-up frames
            pose[0] = new Pose(0.01 * Math.max(i, 0), 0.005 * Math.max(i, 0), 0.003 * Math.max(i, 0));
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Frame f = camera.render(renderer);
            long dt = System.nanoTime() - t0;
            if (i >= 0) {
                nanos[i] = dt;
                cpu[i] = threads.getCurrentThreadCpuTime() - c0;    // excludes time other processes took the core
            }
            if (last != null) {
                last.release();
            }
            last = f;
        }
        System.out.printf(Locale.ROOT, "%dx%d I420 + stamp, %d frames: wall %s; cpu %s%n", options.width(),
                options.height(), frames, summary(nanos), summary(cpu));
        if (args.length > 1) {
            try (Frame rgb = Frames.convert(last, PixelFormat.RGB24)) {
                ByteBuffer d = rgb.data();
                BufferedImage img = new BufferedImage(rgb.width(), rgb.height(), BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < rgb.height(); y++) {
                    for (int x = 0; x < rgb.width(); x++) {
                        int o = (y * rgb.width() + x) * 3;
                        img.setRGB(x, y, (d.get(o) & 0xff) << 16 | (d.get(o + 1) & 0xff) << 8 | (d.get(o + 2) & 0xff));
                    }
                }
                ImageIO.write(img, "png", new File(args[1]));
            }
        }
        last.release();
    }
}
