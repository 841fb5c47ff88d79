package io.teleflux.bench.harness;

import java.time.Duration;
import reactor.core.publisher.Flux;

/**
 * Sustained one-way throughput: the operator sends {@code size}-byte payloads as fast as the link's flow control
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

    static Result measure(BenchLink link, int size, Duration warmUp, Duration measure, Duration quiet) {
        link.flood(size, warmUp); // warm-up: same traffic, not counted
        settle(link, quiet);
        long receivedBefore = link.received();
        long start = System.nanoTime();
        long sent = link.flood(size, measure);
        double seconds = (System.nanoTime() - start) / 1e9;
        settle(link, quiet);
        return new Result(sent, link.received() - receivedBefore, seconds, size);
    }

    /**
     * Waits until nothing more arrives for {@code quiet} (in-flight messages land), at most 10 s. A short window
     * undercounts under load: a busy receiver can pause for longer than 200 ms and the late arrivals then count as
     * lost, so the default is 1 s.
     */
    private static void settle(BenchLink link, Duration quiet) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = link.received();
            if (now == last) {
                return;
            }
            last = now;
            Flux.interval(quiet).blockFirst(); // a bench pause, not test synchronisation
        }
    }
}
