package io.teleflux.store;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** What every {@link StoreStream} of one name in one store shares, whatever view ({@link StreamType}) it uses. */
final class StreamState {
    final Sql.StreamRow row;
    final AtomicBoolean recording = new AtomicBoolean();
    final AtomicLong written = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong undecodable = new AtomicLong();

    StreamState(Sql.StreamRow row) {
        this.row = row;
    }
}
