package io.teleflux.bench.video;

import io.teleflux.codecs.video.H264Decoder;
import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode throughput at 640x480, frames per second on one thread, including the copy into a Java I420 frame and the GOP
 * check ({@link CpuTime}: also per CPU-second of the thread). The stream is two GOPs of the default encoder,
 * replayed in a loop (each replay starts at an IDR). Target: at least 1,000 fps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class H264DecodeBenchmark {

    private List<EncodedFrame> accessUnits;
    private H264Decoder decoder;
    private int next;

    @Setup
    public void setUp() {
        accessUnits = SyntheticVideo.encoded(640, 480, 60);
        decoder = H264Decoder.open();
    }

    @Benchmark
    public Frame decode640x480(CpuTime cpu) {
        EncodedFrame au = accessUnits.get(next);
        next = (next + 1) % accessUnits.size();
        cpu.begin();
        Optional<Frame> frame = decoder.decode(au);
        cpu.end();
        frame.ifPresent(Frame::release);
        return frame.orElse(null);
    }

    @TearDown
    public void tearDown() {
        decoder.close();
    }
}
