package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.ChannelSpec;
import io.teleflux.Channels;
import io.teleflux.spi.EndpointListener;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FanoutTest {

    /** Records deliveries and whether two ever overlapped. */
    private static final class Recorder implements EndpointListener {
        final List<Integer> got = new ArrayList<>();
        final AtomicInteger inside = new AtomicInteger();
        volatile boolean overlapped;

        @Override
        public void onMessage(ChannelSpec channel, byte[] payload) {
            if (inside.incrementAndGet() != 1) {
                overlapped = true;
            }
            got.add(ByteBuffer.wrap(payload).getInt());
            Thread.onSpinWait();
            inside.decrementAndGet();
        }

        @Override
        public void onOutboundDropped(ChannelSpec channel, long count, String reason) {
        }
    }

    @Test
    void twoThreadsDeliveringOnOneChannelNeverOverlapAndEachKeepsItsOrder() throws Exception {
        Fanout fanout = new Fanout();
        Recorder r = new Recorder();
        fanout.add(new Fanout.Member(r, List.of(Channels.STATE_RELIABLE)));
        int n = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int base = t * n;
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    fanout.onMessage(Channels.STATE_RELIABLE, ByteBuffer.allocate(4).putInt(base + i).array());
                }
            });
            threads[t].start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(r.overlapped).isFalse();
        assertThat(r.got).hasSize(2 * n);
        assertThat(r.got.stream().filter(i -> i < n).toList()).isSorted();
        assertThat(r.got.stream().filter(i -> i >= n).toList()).isSorted();
    }

    @Test
    void onlySessionsThatDeclaredTheChannelReceiveIt() {
        Fanout fanout = new Fanout();
        Recorder cmd = new Recorder();
        Recorder state = new Recorder();
        fanout.add(new Fanout.Member(cmd, List.of(Channels.CMD_UNRELIABLE)));
        fanout.add(new Fanout.Member(state, List.of(Channels.STATE_RELIABLE)));
        fanout.onMessage(Channels.STATE_RELIABLE, ByteBuffer.allocate(4).putInt(7).array());
        assertThat(cmd.got).isEmpty();
        assertThat(state.got).containsExactly(7);
    }
}
