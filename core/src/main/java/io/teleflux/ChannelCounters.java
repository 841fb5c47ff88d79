package io.teleflux;

import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link ChannelStats}; written from transport and subscriber threads. */
final class ChannelCounters {
    final String channel;
    final LongAdder received = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder unrouted = new LongAdder();
    final LongAdder droppedInbound = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder droppedOutbound = new LongAdder();

    ChannelCounters(String channel) {
        this.channel = channel;
    }

    ChannelStats snapshot() {
        return new ChannelStats(channel, received.sum(), unrouted.sum(), droppedInbound.sum(), malformed.sum(),
                sent.sum(), droppedOutbound.sum(), bytesReceived.sum(), bytesSent.sum());
    }
}
