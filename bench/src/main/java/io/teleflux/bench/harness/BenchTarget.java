package io.teleflux.bench.harness;

import io.teleflux.ChannelSpec;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.spi.ProviderConfig;
import java.util.List;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/** A provider under benchmark: how to connect a fresh robot/operator pair on it. */
public interface BenchTarget {

    /** The name in tables and plots. */
    String name();

    /** A fresh link: the robot's and the operator's provider configs. */
    Tuple2<ProviderConfig, ProviderConfig> newLink();

    /** Connects a robot and an operator concurrently on a fresh link; emits (robot, operator). */
    default Mono<Tuple2<Session, Session>> connect(List<ChannelSpec> channels) {
        return Mono.defer(() -> {
            Tuple2<ProviderConfig, ProviderConfig> link = newLink();
            return Mono.zip(Teleflux.robot(link.getT1()).channels(channels).connect(),
                    Teleflux.operator(link.getT2()).channels(channels).connect());
        });
    }
}
