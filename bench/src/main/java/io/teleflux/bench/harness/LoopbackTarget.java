package io.teleflux.bench.harness;

import io.teleflux.loopback.LoopbackConfig;
import io.teleflux.spi.ProviderConfig;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

/** The in-process loopback provider: the toolkit's own overhead, with no transport. */
final class LoopbackTarget implements SessionTarget {
    private final AtomicInteger links = new AtomicInteger();

    @Override
    public String name() {
        return "loopback";
    }

    @Override
    public Tuple2<ProviderConfig, ProviderConfig> newLink() {
        LoopbackConfig c = LoopbackConfig.named("bench-" + links.incrementAndGet());
        return Tuples.of(c, c);
    }
}
