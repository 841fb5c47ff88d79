package io.teleflux.store;

import io.teleflux.video.Frame;
import java.time.Instant;

/** Gives a decoded frame its recorded timestamp without copying the pixels. */
final class FrameStamps {

    private FrameStamps() {
    }

    /** A frame over {@code frame}'s pixels with the timestamp {@code tsNanos}; releasing it releases {@code frame}. */
    static Frame withTimestamp(Frame frame, long tsNanos) {
        Instant ts = Instant.ofEpochSecond(0, tsNanos);
        return Frame.wrap(frame.info().withTimestamp(ts), frame.data(), buffer -> frame.release());
    }
}
