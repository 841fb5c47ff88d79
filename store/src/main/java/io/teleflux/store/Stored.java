package io.teleflux.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One row read back from a stream.
 *
 * <p>A {@code Stored<Frame>} hands its frame to the subscriber, who releases it once.
 *
 * @param stream the stream's name
 * @param seq the row's position in its stream: 0, 1, 2… in recording order
 * @param timestamp the recorded timestamp
 * @param value the decoded value
 * @param tags the recorded tags (empty when none)
 */
public record Stored<T>(String stream, long seq, Instant timestamp, T value, Map<String, String> tags) {

    /** Validates. */
    public Stored {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(value, "value");
        tags = Map.copyOf(Objects.requireNonNull(tags, "tags"));
    }
}
