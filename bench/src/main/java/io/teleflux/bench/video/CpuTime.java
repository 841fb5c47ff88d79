package io.teleflux.bench.video;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Raw counters next to JMH's wall-clock score, summed over the measurement iterations: {@code frames},
 * {@code cpuMicros} (CPU time of the benchmark thread inside the codec call) and {@code encodedBytes}. On a shared
 * 2-core machine other jobs steal the CPU, and {@code frames / cpuMicros × 10^6} is what one dedicated core would do;
 * {@code encodedBytes / frames} shows how hard the content is compared with the reference measurement.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Codec calls measured. */
    public long frames;
    /** CPU time of the benchmark thread spent in those calls, microseconds. */
    public long cpuMicros;
    /** Bytes the encoder produced (0 for decode). */
    public long encodedBytes;

    private long cpuNanos;
    private long started;

    @Setup(Level.Iteration)
    public void reset() {
        frames = 0;
        cpuMicros = 0;
        encodedBytes = 0;
        cpuNanos = 0;
    }

    void begin() {
        started = THREADS.getCurrentThreadCpuTime();
    }

    void end() {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - started;
        cpuMicros = cpuNanos / 1000;
        frames++;
    }

    void end(int bytes) {
        end();
        encodedBytes += bytes;
    }
}
