package io.teleflux.broker.server;

import dev.onvoid.webrtc.RTCDataChannelState;
import io.teleflux.ChannelSpec;
import io.teleflux.spi.EndpointListener;
import io.teleflux.webrtc.peer.DataChannelBinding;
import io.teleflux.webrtc.peer.DataChannels;
import io.teleflux.webrtc.peer.Framing;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One standard channel forwarded in its one direction, from a negotiated channel on the source peer (receive only) to
 * negotiated channels on one or more destination peers (send only): operator → robot has one destination, robot →
 * operator one per operator or viewer. Payloads sent the other way on either end are dropped, as the SFU does.
 *
 * <p>Each destination has a bounded queue (unicast, its sender the one subscriber): {@value #RELIABLE_QUEUE} payloads
 * for a reliable channel, which also keeps payloads until the destination channel opens; {@value #UNRELIABLE_QUEUE}
 * for an unreliable one, which drops payloads while the destination is not open (a stale command is worth nothing).
 * (A relay cannot slow an SCTP sender down without stalling libwebrtc, so the reliable bound is large: a burst the
 * destination cannot take at once waits here instead of being dropped.) When a queue is full the arriving payload is
 * dropped for that destination and counted. The destination channel's own flow control applies after (a reliable channel waits, an
 * unreliable one drops and counts). Payloads are forwarded as binary messages. Created, changed and closed on the
 * relay's control thread; the source's callback only reads the destination list.
 */
final class ChannelFanout {

    /** Payloads queued per reliable destination between the source's callback and the destination's sender. */
    static final int RELIABLE_QUEUE = 8192;
    /** Payloads queued per unreliable destination. */
    static final int UNRELIABLE_QUEUE = 1024;

    private static final Logger log = LoggerFactory.getLogger(ChannelFanout.class);

    private final ChannelSpec spec;
    private final DataChannelBinding source;
    private final List<Destination> destinations = new CopyOnWriteArrayList<>();

    /** Opens the source channel {@code fromId} on {@code from}; on the control thread. */
    ChannelFanout(ChannelSpec spec, RelayPeer from, int fromId) {
        this.spec = spec;
        this.source = DataChannelBinding.bind(DataChannels.createNegotiated(from.connection(), spec, fromId), spec,
                new EndpointListener() {
                    @Override
                    public void onMessage(ChannelSpec channel, byte[] payload) {
                        for (Destination d : destinations) {
                            d.offer(payload);
                        }
                    }

                    @Override
                    public void onOutboundDropped(ChannelSpec channel, long count, String reason) {
                        // the source never sends
                    }
                }, true, false, DataChannelBinding.DEFAULT_SEND_HIGH_WATER_MARK, "teleflux-relay-in-" + spec.name(),
                null);
        source.negotiated(Framing.NONE, from.peerMaxMessageSize());
    }

    /** Opens channel {@code toId} on {@code to} and forwards to it; on the control thread. */
    Destination add(RelayPeer to, int toId) {
        Destination d = new Destination(to, toId);
        destinations.add(d);
        return d;
    }

    /** Stops forwarding to {@code d} and closes its channel; on the control thread. */
    void remove(Destination d) {
        destinations.remove(d);
        d.close();
    }

    boolean hasDestinations() {
        return !destinations.isEmpty();
    }

    /** Closes every destination, then the source; blocks briefly (sender threads); on the control thread. */
    void close() {
        destinations.forEach(this::remove);
        source.close();
    }

    /** One destination channel with its queue and sender. */
    final class Destination {
        private final String peer;
        private final DataChannelBinding binding;
        private final boolean reliable = spec.qos().isReliable();
        private final Sinks.Many<byte[]> queue = Sinks.many().unicast().onBackpressureBuffer(
                Queues.<byte[]>get(reliable ? RELIABLE_QUEUE : UNRELIABLE_QUEUE).get());
        private final Sinks.Empty<Void> open = Sinks.empty();
        private volatile boolean isOpen;
        private final AtomicLong forwarded = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private final Disposable sending;

        private Destination(RelayPeer to, int toId) {
            this.peer = to.id();
            EndpointListener drops = new EndpointListener() {
                @Override
                public void onMessage(ChannelSpec channel, byte[] payload) {
                    // a destination does not receive
                }

                @Override
                public void onOutboundDropped(ChannelSpec channel, long count, String reason) {
                    countDrop(count, reason);
                }
            };
            binding = DataChannelBinding.bind(DataChannels.createNegotiated(to.connection(), spec, toId), spec, drops,
                    false, true, DataChannelBinding.DEFAULT_SEND_HIGH_WATER_MARK,
                    "teleflux-relay-" + to.role() + "-" + spec.name() + "-" + toId,
                    state -> {
                        if (state == RTCDataChannelState.OPEN) {
                            isOpen = true;
                            open.tryEmitEmpty();
                        }
                    });
            binding.negotiated(Framing.NONE, to.peerMaxMessageSize());
            if (binding.channel().getState() == RTCDataChannelState.OPEN) {
                isOpen = true;
                open.tryEmitEmpty(); // opened before the observer saw it
            }
            sending = open.asMono()
                    .then(binding.send(queue.asFlux()))
                    .subscribe(null, e -> log.debug("forwarding {} to {} ended: {}", spec.name(), peer,
                            e.toString()));
        }

        /** On the source's callback thread. */
        private void offer(byte[] payload) {
            if (!reliable && !isOpen) {
                countDrop(1, "destination channel not open yet");
            } else if (queue.tryEmitNext(payload).isSuccess()) {
                forwarded.incrementAndGet();
            } else {
                countDrop(1, "relay queue full");
            }
        }

        private void countDrop(long count, String reason) {
            if (dropped.getAndAdd(count) == 0) {
                log.warn("relay dropped payloads on {} to {} ({}); further drops are only counted", spec.name(), peer,
                        reason);
            }
        }

        private void close() {
            sending.dispose();
            queue.tryEmitComplete();
            binding.close();
            log.debug("closed the {} forward to {}: {} forwarded, {} dropped", spec.name(), peer, forwarded.get(),
                    dropped.get());
        }
    }
}
