package io.teleflux.bench.harness;

import io.teleflux.Session;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** A robot and an operator session as a {@link BenchLink}: everything goes through the public session API. */
final class SessionLink implements BenchLink {
    private final Session robot;
    private final Session operator;
    private final ChannelKind kind;
    private final Duration timeout;
    private final LongAdder received = new LongAdder();
    private final Disposable counting;

    SessionLink(Session robot, Session operator, ChannelKind kind, Duration timeout) {
        this.robot = robot;
        this.operator = operator;
        this.kind = kind;
        this.timeout = timeout;
        this.counting = robot.receive(kind.forward).subscribe(p -> received.increment());
    }

    @Override
    public long received() {
        return received.sum();
    }

    /** Sends with the provider's own flow control; offered = what the operator's stats count as sent. */
    @Override
    public long flood(int size, Duration duration) {
        byte[] payload = new byte[size];
        long before = operator.stats(kind.forward).sent();
        operator.send(kind.forward, Flux.<byte[]>generate(sink -> sink.next(payload)).take(duration))
                .block(duration.plusSeconds(30));
        return operator.stats(kind.forward).sent() - before;
    }

    @Override
    public Pinger echo(Consumer<byte[]> onEcho) {
        Disposable echo = robot.send(kind.back, robot.receive(kind.forward)).subscribe(v -> { }, e -> { });
        Sinks.Many<byte[]> pings = Sinks.many().unicast().onBackpressureBuffer();
        Disposable sending = operator.send(kind.forward, pings.asFlux()).subscribe(v -> { }, e -> { });
        Disposable receiving = operator.receive(kind.back).subscribe(onEcho);
        return new Pinger() {
            @Override
            public void ping(byte[] payload) {
                pings.emitNext(payload, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
            }

            @Override
            public void dispose() {
                receiving.dispose();
                sending.dispose();
                echo.dispose();
            }
        };
    }

    @Override
    public void close() {
        counting.dispose();
        robot.disposeNow(timeout);
        operator.disposeNow(timeout);
    }
}
