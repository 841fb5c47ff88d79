package io.teleflux.broker.server;

import io.teleflux.webrtc.peer.DataChannels;
import java.util.BitSet;

/**
 * Negotiated data channel ids for one peer connection. Each bridge takes its ids after the last ones handed out, so
 * a rejoin gets <b>fresh</b> ids (the robot notices the change in its heartbeat ack and reopens its channels); ids
 * wrap around below {@link DataChannels#MAX_ID} and skip ids still in use. Ids below {@code first} are never handed
 * out: the robot keeps its negotiated {@code _sctp_init} on id 0, a browser's non-negotiated {@code _sctp_init} takes
 * 0 or 1. Thread-safe.
 */
final class SctpIds {

    private final int first;
    private final BitSet inUse = new BitSet(DataChannels.MAX_ID + 1);
    private int next;

    SctpIds(int first) {
        if (first < 0 || first > DataChannels.MAX_ID) {
            throw new IllegalArgumentException("first id must be in [0, " + DataChannels.MAX_ID + "], was " + first);
        }
        this.first = first;
        this.next = first;
    }

    /** {@code count} ids after the last ones handed out, marked in use. */
    synchronized int[] take(int count) {
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = takeOne();
        }
        return ids;
    }

    /** Gives ids back once their channels are closed. */
    synchronized void release(int... ids) {
        for (int id : ids) {
            inUse.clear(id);
        }
    }

    private int takeOne() {
        for (int tries = 0; tries <= DataChannels.MAX_ID; tries++) {
            int id = next;
            next = next >= DataChannels.MAX_ID ? first : next + 1;
            if (!inUse.get(id)) {
                inUse.set(id);
                return id;
            }
        }
        throw new IllegalStateException("no free data channel id left");
    }
}
