package io.teleflux.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import reactor.core.publisher.Flux;

/**
 * The child JVM of {@link SafetyTest#aProcessKilledMidWriteLeavesAReadableFile()}: records numbered rows forever into
 * {@code args[0]} and prints {@code written N} after commits, until it is killed.
 */
public final class CrashRecorder {

    static final int BATCH = 10;

    private CrashRecorder() {
    }

    public static void main(String[] args) {
        Store store = Store.open(Path.of(args[0]), StoreOptions.DEFAULTS.withBatchSize(BATCH)
                .withMaxBatchDelay(Duration.ofMinutes(1)));
        StoreStream<byte[]> s = store.stream("numbers", StreamType.bytes());
        Flux.interval(Duration.ofMillis(5)).subscribe(tick -> {
            System.out.println("written " + s.stats().written());
            System.out.flush();
        });
        Flux<byte[]> numbers = Flux.<byte[], Long>generate(() -> 0L, (i, sink) -> {
            sink.next(ByteBuffer.allocate(1024).putLong(i).array());
            return i + 1;
        });
        s.record(numbers).block();
    }
}
