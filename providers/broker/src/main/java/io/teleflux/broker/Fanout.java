package io.teleflux.broker;

import io.teleflux.ChannelSpec;
import io.teleflux.spi.EndpointListener;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listener a provider's data channel bindings report to: it hands each inbound payload to every open session that
 * declared the channel, and each outbound drop to the sessions that declared it. Never throws.
 *
 * <p>Inbound payloads of one channel are delivered serially and in order even when two threads hand them over at once
 * (libwebrtc's signaling thread, and the control thread injecting {@code operator_lost}): a queue-drain loop, in which
 * the thread that finds the channel idle delivers everything queued, holding no lock while it calls the sessions.
 */
final class Fanout implements EndpointListener {

    /** One session's listener and the channel names it declared. */
    record Member(EndpointListener listener, List<ChannelSpec> channels) {
        ChannelSpec declared(String name) {
            for (ChannelSpec c : channels) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final Map<String, Serial> serials = new ConcurrentHashMap<>();

    /** One channel's pending payloads and its drain flag. */
    private static final class Serial {
        final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger wip = new AtomicInteger();
    }

    void add(Member member) {
        members.add(member);
    }

    void remove(Member member) {
        members.remove(member);
    }

    boolean isEmpty() {
        return members.isEmpty();
    }

    @Override
    public void onMessage(ChannelSpec channel, byte[] payload) {
        Serial serial = serials.computeIfAbsent(channel.name(), n -> new Serial());
        serial.queue.offer(payload);
        if (serial.wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            for (byte[] p; (p = serial.queue.poll()) != null; ) {
                deliver(channel, p);
            }
            missed = serial.wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void deliver(ChannelSpec channel, byte[] payload) {
        for (Member m : members) {
            ChannelSpec spec = m.declared(channel.name());
            if (spec != null) {
                m.listener().onMessage(spec, payload);
            }
        }
    }

    @Override
    public void onOutboundDropped(ChannelSpec channel, long count, String reason) {
        for (Member m : members) {
            ChannelSpec spec = m.declared(channel.name());
            if (spec != null) {
                m.listener().onOutboundDropped(spec, count, reason);
            }
        }
    }
}
