package io.teleflux.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a stream holds, for listings and summaries.
 *
 * @param name the stream's name
 * @param payloadType the payload type recorded at creation ({@code "bytes"}, {@code "video"}, or a message type name)
 * @param codec the codec recorded at creation: {@code raw}, {@code lcm}, {@code jpeg} or {@code h264}
 * @param config the codec's settings as recorded (JSON)
 * @param count the number of rows
 * @param bytes the total size of the stored payloads
 * @param first the earliest timestamp, empty for an empty stream
 * @param last the latest timestamp, empty for an empty stream
 * @param keyframes the number of keyframes (H.264 only, else 0)
 */
public record StreamInfo(String name, String payloadType, String codec, String config, long count, long bytes,
                         Optional<Instant> first, Optional<Instant> last, long keyframes) {

    /** {@code last − first}, zero for an empty stream. */
    public Duration duration() {
        return first.isPresent() ? Duration.between(first.get(), last.orElseThrow()) : Duration.ZERO;
    }
}
