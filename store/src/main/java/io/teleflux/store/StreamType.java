package io.teleflux.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teleflux.MessageType;
import io.teleflux.codecs.video.H264EncoderOptions;
import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a stream holds and how it stores it: a payload type and a codec, chosen when the stream is created and recorded
 * with it. Opening an existing stream with another payload type or codec fails with
 * {@link StreamTypeMismatchException}; codec settings (JPEG quality, H.264 rate) only apply to what is written next,
 * the settings recorded at creation are kept in {@link StreamInfo#config()}.
 *
 * <table>
 *   <caption>Kinds of stream</caption>
 *   <tr><th>factory</th><th>value</th><th>payload type / codec</th><th>round trip</th></tr>
 *   <tr><td>{@link #messages(MessageType)}</td><td>any message</td><td>type name / {@code lcm}</td><td>exact</td></tr>
 *   <tr><td>{@link #bytes()}</td><td>{@code byte[]}</td><td>{@code bytes} / {@code raw}</td><td>exact</td></tr>
 *   <tr><td>{@link #jpeg(JpegOptions)}</td><td>{@link Frame}</td><td>{@code video} / {@code jpeg}</td>
 *       <td>lossy, RGB24 out</td></tr>
 *   <tr><td>{@link #h264(H264EncoderOptions)}</td><td>{@link Frame}</td><td>{@code video} / {@code h264}</td>
 *       <td>lossy, I420 out</td></tr>
 *   <tr><td>{@link #h264AccessUnits()}</td><td>{@link EncodedFrame}</td><td>{@code video} / {@code h264}</td>
 *       <td>exact (pre-encoded)</td></tr>
 * </table>
 * The two H.264 kinds share their storage: a stream recorded from frames reads back as access units and the other
 * way round. Every H.264 row keeps {@code seq}, {@code keyframe}, {@code keyframe_seq}, {@code pts}, the size and the
 * dimensions in columns, and keyframes are indexed for seeking.
 *
 * @param <T> the value type
 */
public final class StreamType<T> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANY = "*";

    private final String payloadType;
    private final String codec;
    private final Map<String, Object> config;
    private final Class<T> javaType;
    private final Supplier<RowCodec<T>> codecFactory;

    private StreamType(String payloadType, String codec, Map<String, Object> config, Class<T> javaType,
                       Supplier<RowCodec<T>> codecFactory) {
        this.payloadType = payloadType;
        this.codec = codec;
        this.config = config;
        this.javaType = javaType;
        this.codecFactory = codecFactory;
    }

    /** Messages of one type, stored in their wire encoding ({@link MessageType#encode}); payload type = its name. */
    public static <T> StreamType<T> messages(MessageType<T> type) {
        Objects.requireNonNull(type, "type");
        return new StreamType<>(type.name(), "lcm", Map.of("message_type", type.name()), type.javaType(),
                () -> new MessageRowCodec<>(type));
    }

    /** Opaque byte arrays, stored as they are. */
    public static StreamType<byte[]> bytes() {
        return new StreamType<>("bytes", "raw", Map.of(), byte[].class, BytesRowCodec::new);
    }

    /** Frames compressed one by one to JPEG with {@link JpegOptions#DEFAULTS} (quality 50, 4:2:2). */
    public static StreamType<Frame> jpeg() {
        return jpeg(JpegOptions.DEFAULTS);
    }

    /** Frames compressed one by one to JPEG; read back as RGB24 frames. */
    public static StreamType<Frame> jpeg(JpegOptions options) {
        Objects.requireNonNull(options, "options");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("quality", options.quality());
        config.put("subsampling", options.subsampling().label());
        config.put("library", options.library().name().toLowerCase(java.util.Locale.ROOT));
        return new StreamType<>("video", "jpeg", config, Frame.class, () -> new JpegRowCodec(options));
    }

    /** Frames encoded to H.264 with {@link H264EncoderOptions#defaults()} (CRF 23, veryfast, IDR every 30). */
    public static StreamType<Frame> h264() {
        return h264(H264EncoderOptions.defaults());
    }

    /**
     * Frames encoded to H.264 by the store (one encoder per recording, the first frame a keyframe); read back as I420
     * frames, decoded from the last keyframe at or before each row.
     */
    public static StreamType<Frame> h264(H264EncoderOptions options) {
        Objects.requireNonNull(options, "options");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("rate_control", options.rateControl().name().toLowerCase(java.util.Locale.ROOT));
        config.put("crf", options.crf());
        config.put("bitrate", options.bitrate());
        config.put("preset", options.preset());
        config.put("level", options.level());
        config.put("keyframe_interval", options.keyframeInterval());
        config.put("frame_rate", options.frameRate());
        return new StreamType<>("video", "h264", config, Frame.class, () -> new H264RowCodec(options));
    }

    /** Pre-encoded H.264 access units, stored and read back byte for byte with their metadata. */
    public static StreamType<EncodedFrame> h264AccessUnits() {
        return new StreamType<>("video", "h264", Map.of("pre_encoded", true), EncodedFrame.class,
                AccessUnitRowCodec::new);
    }

    /**
     * A read view of any existing stream: its stored payloads as they are on disk (JPEG files, H.264 access units,
     * message wire bytes), without decoding. It matches every payload type and codec, but it cannot create a stream
     * ({@link NoSuchStreamException}) and recording through it fails with {@link StoreException}: the bytes would
     * lack their codec's metadata.
     */
    public static StreamType<byte[]> undecoded() {
        return new StreamType<>(ANY, ANY, Map.of(), byte[].class, BytesRowCodec::new);
    }

    /** Whether this is the {@link #undecoded()} view. */
    boolean isView() {
        return ANY.equals(payloadType);
    }

    /** The payload type recorded with the stream: {@code video}, {@code bytes} or a message type's name. */
    public String payloadType() {
        return payloadType;
    }

    /** The codec recorded with the stream: {@code lcm}, {@code raw}, {@code jpeg} or {@code h264}. */
    public String codec() {
        return codec;
    }

    /** The Java type of values. */
    public Class<T> javaType() {
        return javaType;
    }

    /** The codec settings as JSON, as recorded when this type creates a stream. */
    public String configJson() {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + config, e);
        }
    }

    RowCodec<T> newCodec() {
        return codecFactory.get();
    }

    /** The value's own capture time, if it has one (a frame with a timestamp other than the epoch). */
    Optional<Instant> timestampOf(T value) {
        if (value instanceof Frame f && !f.timestamp().equals(Instant.EPOCH)) {
            return Optional.of(f.timestamp());
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return payloadType + "/" + codec + " (" + javaType.getSimpleName() + ")";
    }
}
