package io.teleflux.bench.harness;

import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.spi.ProviderConfig;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/** A provider measured through the public teleflux {@link Session} API. */
interface SessionTarget extends BenchTarget {

    /** A fresh link: the robot's and the operator's provider configs. */
    Tuple2<ProviderConfig, ProviderConfig> newLink();

    /** Connects a robot and an operator concurrently on a fresh link. */
    @Override
    default BenchLink connect(ChannelKind kind, Duration timeout) {
        Tuple2<ProviderConfig, ProviderConfig> link = newLink();
        Tuple2<Session, Session> pair = Mono.zip(Teleflux.robot(link.getT1()).channels(kind.channels()).connect(),
                Teleflux.operator(link.getT2()).channels(kind.channels()).connect()).block(timeout);
        return new SessionLink(pair.getT1(), pair.getT2(), kind, timeout);
    }
}
