package io.teleflux.bench.harness;

import io.teleflux.ChannelSpec;
import io.teleflux.ChannelStats;
import io.teleflux.Session;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Sustained one-way throughput: the operator sends {@code size}-byte payloads as fast as the provider's flow control
 * admits, for a fixed time after a warm-up; the robot counts what arrives. Delivered ratio = received / sent.
 */
final class ThroughputRun {

    /** One measurement. */
    record Result(long sent, long received, double seconds, int size) {
        double messagesPerSecond() {
            return received / seconds;
        }

        double megabytesPerSecond() {
            return received * (double) size / seconds / 1e6;
        }

        double deliveredRatio() {
            return sent == 0 ? 0 : (double) received / sent;
        }
    }

    private ThroughputRun() {
    }

    static Result measure(Session robot, Session operator, ChannelSpec channel, int size, Duration warmUp,
                          Duration measure) {
        byte[] payload = new byte[size];
        LongAdder received = new LongAdder();
        Disposable counting = robot.receive(channel).subscribe(p -> received.increment());
        try {
            Flux<byte[]> flood = Flux.generate(sink -> sink.next(payload));
            // warm-up: same traffic, not counted
            operator.send(channel, flood.take(warmUp)).block(warmUp.plusSeconds(30));
            settle(robot, channel);
            ChannelStats before = operator.stats(channel);
            long receivedBefore = received.sum();
            long start = System.nanoTime();
            operator.send(channel, flood.take(measure)).block(measure.plusSeconds(30));
            double seconds = (System.nanoTime() - start) / 1e9;
            long sent = operator.stats(channel).sent() - before.sent();
            settle(robot, channel);
            return new Result(sent, received.sum() - receivedBefore, seconds, size);
        } finally {
            counting.dispose();
        }
    }

    /** Waits until nothing more arrives for 200 ms (in-flight messages land), at most 5 s. */
    private static void settle(Session robot, ChannelSpec channel) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = robot.stats(channel).received();
            if (now == last) {
                return;
            }
            last = now;
            Flux.interval(Duration.ofMillis(200)).blockFirst(); // a bench pause, not test synchronisation
        }
    }
}
