package io.teleflux.bench.harness;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Round-trip time: the operator sends a 64-byte ping on the kind's forward channel, the robot echoes it on the back
 * channel, the operator sends the next ping when the echo arrives. A ping whose echo does not come within the
 * per-round timeout counts as lost and the next one is sent.
 */
final class PingPong {

    /** Percentiles in microseconds, and how many rounds were lost. */
    record Result(double p50, double p90, double p99, int rounds, int lost) {
    }

    private static final int WARM_UP_ROUNDS = 50;

    private PingPong() {
    }

    static Result measure(BenchLink link, int rounds, Duration perRound) {
        Optional<long[]> own = link.ownRoundTrips(WARM_UP_ROUNDS, rounds, perRound);
        if (own.isPresent()) {
            long[] ok = own.get().clone();
            Arrays.sort(ok);
            return new Result(percentile(ok, 50), percentile(ok, 90), percentile(ok, 99), rounds,
                    rounds - ok.length);
        }
        BlockingQueue<Long> echoes = new LinkedBlockingQueue<>();
        BenchLink.Pinger pinger = link.echo(p -> echoes.add(ByteBuffer.wrap(p).getLong()));
        try {
            long[] rtts = new long[rounds];
            int n = 0;
            int lost = 0;
            for (int i = 0; i < rounds + WARM_UP_ROUNDS; i++) {
                long id = i + 1;
                byte[] ping = ByteBuffer.allocate(64).putLong(id).array();
                long start = System.nanoTime();
                pinger.ping(ping);
                boolean answered = awaitEcho(echoes, id, start + perRound.toNanos());
                long rtt = System.nanoTime() - start;
                if (i < WARM_UP_ROUNDS) {
                    continue;
                }
                if (answered) {
                    rtts[n++] = rtt;
                } else {
                    lost++;
                }
            }
            long[] ok = Arrays.copyOf(rtts, n);
            Arrays.sort(ok);
            return new Result(percentile(ok, 50), percentile(ok, 90), percentile(ok, 99), rounds, lost);
        } finally {
            pinger.dispose();
        }
    }

    /** Waits for the echo of {@code id} until {@code deadline}; older (late) echoes are skipped. */
    private static boolean awaitEcho(BlockingQueue<Long> echoes, long id, long deadline) {
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Long got = left <= 0 ? echoes.poll() : echoes.poll(left, TimeUnit.NANOSECONDS);
                if (got == null) {
                    return false;
                }
                if (got == id) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1000.0;
    }
}
