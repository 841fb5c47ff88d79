package io.teleflux.samples.go2;

import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.LatencyStamp;
import io.teleflux.video.PixelFormat;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleFunction;
import reactor.core.publisher.Flux;

/**
 * The robot's camera: renders the view from the body's pose at a fixed rate, as I420 frames. Frame buffers come from
 * a small pool and go back to it through each frame's release hook, so a steady stream allocates nothing; if every
 * pooled buffer is still held downstream, a new one is allocated (and pooled later if there is room).
 */
final class Camera {

    private static final int POOL_SIZE = 4;

    private final Go2Options options;
    private final DoubleFunction<Pose> poseAt;
    private final RobotClock clock;
    private final int frameHeight;
    private final BlockingQueue<ByteBuffer> pool = new ArrayBlockingQueue<>(POOL_SIZE);
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    /**
     * @param poseAt the body's pose at a robot time in seconds
     * @param clock  the robot's clock: ticks and timestamps
     */
    Camera(Go2Options options, DoubleFunction<Pose> poseAt, RobotClock clock) {
        this.options = options;
        this.poseAt = poseAt;
        this.clock = clock;
        this.frameHeight = options.height() + (options.latencyStamp() ? LatencyStamp.STRIP_ROWS : 0);
    }

    /**
     * Frames at {@link Go2Options#fps()}, cold: each subscriber gets its own renderer. A tick that arrives while the
     * subscriber has no demand is skipped (and counted), never queued: a camera shows the present. The subscriber owns
     * each frame and releases it.
     */
    Flux<Frame> frames() {
        Duration period = Duration.ofNanos(1_000_000_000L / options.fps());
        return Flux.defer(() -> {
            WorldRenderer renderer = new WorldRenderer(options.width(), options.height());
            return Flux.interval(period, clock.scheduler())
                    .onBackpressureDrop(tick -> skipped.incrementAndGet())
                    .map(tick -> render(renderer));
        });
    }

    /** A black strip with neutral chroma below the picture, with the capture time drawn into its luma. */
    private void stamp(byte[] i420, long millis) {
        int width = options.width();
        int lumaSize = width * frameHeight;
        int chromaRow = width / 2;
        int chromaPlane = chromaRow * (frameHeight / 2);
        int pictureChroma = chromaRow * (options.height() / 2);
        Arrays.fill(i420, width * options.height(), lumaSize, (byte) 16);
        Arrays.fill(i420, lumaSize + pictureChroma, lumaSize + chromaPlane, (byte) 128);
        Arrays.fill(i420, lumaSize + chromaPlane + pictureChroma, i420.length, (byte) 128);
        LatencyStamp.draw(ByteBuffer.wrap(i420), width, width, frameHeight, millis);
    }

    /** Buffers waiting in the pool for the next frame. */
    int pooled() {
        return pool.size();
    }

    /** Ticks skipped because the consumer was busy. */
    long skipped() {
        return skipped.get();
    }

    Frame render(WorldRenderer renderer) {
        long millis = clock.millis();
        ByteBuffer buffer = pool.poll();
        FrameInfo info = new FrameInfo(PixelFormat.I420, options.width(), frameHeight, Instant.ofEpochMilli(millis),
                ids.getAndIncrement(), "camera");
        if (buffer == null) {
            buffer = ByteBuffer.allocate(info.bufferSize());
        }
        renderer.render(poseAt.apply(millis / 1000.0), buffer.array(), frameHeight);
        if (options.latencyStamp()) {
            stamp(buffer.array(), millis);
        }
        return Frame.wrap(info, buffer, pool::offer);            // the last release hands the buffer back
    }
}
