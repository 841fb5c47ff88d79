package io.teleflux.bench.jmh;

import io.teleflux.BackpressurePolicy;
import io.teleflux.ChannelSpec;
import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import io.teleflux.loopback.LoopbackConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Flux;

/**
 * End-to-end message rate through the public session API over the loopback provider: an operator session sends, a
 * robot session's subscriber receives. Each invocation sends a batch of {@value #BATCH} messages with one
 * {@code send(Publisher)}; the score is messages per second. The tear-down checks that every message arrived.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LoopbackBenchmark {

    static final int BATCH = 10_000;

    /** A command-like channel that never drops, so delivered == sent can be checked. */
    static final ChannelSpec CHANNEL = Channels.CMD_UNRELIABLE.withBackpressure(BackpressurePolicy.buffer(BATCH));

    private Session robot;
    private Session operator;
    private final AtomicLong rawReceived = new AtomicLong();
    private final AtomicLong typedReceived = new AtomicLong();
    private Flux<byte[]> rawBatch;
    private Flux<TwistStamped> typedBatch;
    private long sentRaw;
    private long sentTyped;
    private volatile Object sinkhole;

    @Setup(Level.Trial)
    public void setUp() {
        LoopbackConfig link = LoopbackConfig.named("jmh-" + System.nanoTime());
        operator = Teleflux.operator(link).channel(CHANNEL).connectNow(Duration.ofSeconds(5));
        robot = Teleflux.robot(link).channel(CHANNEL).connectNow(Duration.ofSeconds(5));
        byte[] payload = new byte[64];
        byte[][] raw = new byte[BATCH][];
        TwistStamped[] twists = new TwistStamped[BATCH];
        for (int i = 0; i < BATCH; i++) {
            raw[i] = payload;
            twists[i] = TwistStamped.of(i, 1, 0, "keyboard", new Vector3(0.5, 0, 0), Vector3.ZERO);
        }
        rawBatch = Flux.fromArray(raw);
        typedBatch = Flux.fromArray(twists);
        robot.receive(CHANNEL).subscribe(bytes -> rawReceived.lazySet(rawReceived.get() + 1));
        robot.receive(CHANNEL, TwistStamped.TYPE).subscribe(t -> {
            sinkhole = t;
            typedReceived.lazySet(typedReceived.get() + 1);
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        robot.disposeNow(Duration.ofSeconds(5));
        operator.disposeNow(Duration.ofSeconds(5));
        // every typed send also reaches the raw subscriber
        if (rawReceived.get() != sentRaw + sentTyped || typedReceived.get() != sentTyped) {
            throw new IllegalStateException("lost messages: raw " + rawReceived.get() + "/" + (sentRaw + sentTyped)
                    + ", typed " + typedReceived.get() + "/" + sentTyped);
        }
    }

    /** Raw 64-byte payloads to one raw subscriber (and the typed one, which filters them out by fingerprint). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void raw64ByteMessages() {
        operator.send(CHANNEL, rawBatch).block();
        sentRaw += BATCH;
    }

    /** TwistStamped encode → loopback → fingerprint demux → decode, to a typed subscriber. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void typedTwistStampedEndToEnd(Blackhole bh) {
        operator.send(CHANNEL, TwistStamped.TYPE, typedBatch).block();
        sentTyped += BATCH;
        bh.consume(sinkhole);
    }
}
