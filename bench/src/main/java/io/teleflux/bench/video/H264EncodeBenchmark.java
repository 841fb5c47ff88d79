package io.teleflux.bench.video;

import io.teleflux.codecs.video.H264Encoder;
import io.teleflux.codecs.video.H264EncoderOptions;
import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode throughput, frames per second on one thread: x264 veryfast, zerolatency, Constrained Baseline, CRF 23, an IDR
 * every 30 frames (the {@link H264EncoderOptions#defaults()}), I420 input (no colour conversion). Targets from the
 * reference measurement: at least 200 fps at 640x480 and 85 fps at 1280x720. {@link CpuTime} counts frames and CPU
 * time to give the same per CPU-second of the benchmark thread (x264 runs on that thread with {@code threads = 1}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class H264EncodeBenchmark {

    @Param({"640x480", "1280x720"})
    public String size;

    private List<Frame> frames;
    private H264Encoder encoder;
    private int next;

    @Setup
    public void setUp() {
        String[] wh = size.split("x");
        frames = SyntheticVideo.frames(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), 60);
        encoder = H264Encoder.open(H264EncoderOptions.defaults());
    }

    @Benchmark
    public EncodedFrame encode(CpuTime cpu) {
        Frame frame = frames.get(next);
        next = (next + 1) % frames.size();
        cpu.begin();
        EncodedFrame au = encoder.encode(frame);
        cpu.end(au.size());
        return au;
    }

    @TearDown
    public void tearDown() {
        encoder.close();
        frames.forEach(Frame::release);
    }
}
