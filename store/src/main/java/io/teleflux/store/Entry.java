package io.teleflux.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A value to record with its own timestamp and tags; see
 * {@link StoreStream#recordEntries(org.reactivestreams.Publisher, RecordOptions)}.
 *
 * @param timestamp when the value was observed
 * @param value the value (a {@link io.teleflux.video.Frame} is released by the recorder)
 * @param tags string tags to query by ({@link Query#tagged(String, String)}); copied, may be empty
 */
public record Entry<T>(Instant timestamp, T value, Map<String, String> tags) {

    /** Validates and copies. */
    public Entry {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(value, "value");
        tags = Map.copyOf(Objects.requireNonNull(tags, "tags"));
    }

    /** An entry without tags. */
    public static <T> Entry<T> of(Instant timestamp, T value) {
        return new Entry<>(timestamp, value, Map.of());
    }
}
