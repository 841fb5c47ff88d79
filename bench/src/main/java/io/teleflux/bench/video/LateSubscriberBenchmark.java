package io.teleflux.bench.video;

import io.teleflux.codecs.video.H264;
import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Time from a late subscriber's subscription to its first decoded picture, on a live 640x480 stream at 30 fps with an
 * IDR every 30 frames: with {@link H264#keyframeCache} (the current GOP is replayed and decoded at once) and without
 * (the subscriber waits for the next IDR: half a second on average, a second at worst). Each invocation subscribes at
 * a random phase of the GOP.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class LateSubscriberBenchmark {

    @Param({"cache", "noCache"})
    public String mode;

    private ScheduledExecutorService camera;
    private Sinks.Many<EncodedFrame> live;
    private Flux<EncodedFrame> source;
    private Disposable firstViewer;

    @Setup
    public void setUp() {
        List<EncodedFrame> gops = SyntheticVideo.encoded(640, 480, 60);
        live = Sinks.many().multicast().directBestEffort();
        source = mode.equals("cache") ? H264.keyframeCache(live.asFlux()) : live.asFlux();
        firstViewer = source.subscribe(); // keeps the cache connected, as a first viewer does
        camera = Executors.newSingleThreadScheduledExecutor();
        long[] n = {0};
        camera.scheduleAtFixedRate(() -> {
            EncodedFrame base = gops.get((int) (n[0] % gops.size()));
            long shift = n[0] - base.seq();
            live.tryEmitNext(new EncodedFrame(base.codec(), n[0], base.keyframe(), base.keyframeSeq() + shift,
                    base.pts(), base.width(), base.height(), base.data()));
            n[0]++;
        }, 0, 33_333, TimeUnit.MICROSECONDS);
    }

    /**
     * Subscribes at a random phase of the GOP (not measured): back-to-back invocations would otherwise always
     * subscribe just after an IDR, the worst case, since each ends at one.
     */
    @Setup(Level.Invocation)
    public void randomPhase() throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextInt(1000));
    }

    @Benchmark
    public long timeToFirstFrame() {
        Frame first = H264.decode(source).next().block(Duration.ofSeconds(5));
        long id = first.id();
        first.release();
        return id;
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        camera.shutdownNow();
        camera.awaitTermination(5, TimeUnit.SECONDS);
        firstViewer.dispose();
    }
}
