package io.teleflux.bench.jmh;

import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
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
import org.openjdk.jmh.annotations.Warmup;

/** Cost of one TwistStamped encode and decode (the 81-byte keyboard command of the reference test vector). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LcmCodecBenchmark {

    private TwistStamped message;
    private byte[] wire;

    @Setup
    public void setUp() {
        message = TwistStamped.of(7, 1, 0, "keyboard", new Vector3(0.5, 0, 0), Vector3.ZERO);
        wire = TwistStamped.TYPE.encode(message);
    }

    @Benchmark
    public byte[] encodeTwistStamped() {
        return TwistStamped.TYPE.encode(message);
    }

    @Benchmark
    public TwistStamped decodeTwistStamped() {
        return TwistStamped.TYPE.decode(wire);
    }
}
