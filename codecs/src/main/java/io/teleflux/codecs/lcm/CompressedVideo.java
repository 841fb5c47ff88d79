package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;
import java.util.Arrays;
import java.util.Objects;

/**
 * LCM {@code foxglove_msgs.CompressedVideo}: one encoded video packet (for example an H.264 access unit). On the
 * wire the member order is {@code data_length}, timestamp, frame_id, data, format.
 *
 * <p><b>Ownership of {@code data}.</b> As for {@link Image}: no copy is made; the constructor keeps the given array
 * and {@link #data()} returns it, so neither the creator nor a reader may write to it. {@link #equals(Object)} and
 * {@link #hashCode()} compare the bytes.
 *
 * @param timestamp not null
 * @param frameId   not null
 * @param data      the encoded bytes; not null, not copied (see above)
 * @param format    the codec, for example {@code "h264"}; not null
 */
public record CompressedVideo(BuiltinTime timestamp, String frameId, byte[] data, String format) {

    /** The wire type, {@code foxglove_msgs.CompressedVideo} (fingerprint {@code 0x2217b46eefbf7b05}). */
    public static final MessageType<CompressedVideo> TYPE = new LcmMessageType<>(LcmSchemas.COMPRESSED_VIDEO,
            CompressedVideo.class, CompressedVideo::bodySize, CompressedVideo::writeTo, CompressedVideo::readFrom);

    /**
     * @throws NullPointerException if a component is null
     */
    public CompressedVideo {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(frameId, "frameId");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(format, "format");
    }

    private static long bodySize(CompressedVideo m) {
        return 4 + BuiltinTime.SIZE + LcmWriter.stringSize(m.frameId, "frame_id") + m.data.length
                + LcmWriter.stringSize(m.format, "format");
    }

    private static void writeTo(LcmWriter w, CompressedVideo m) {
        w.int32(m.data.length);
        m.timestamp.writeTo(w);
        w.string(m.frameId);
        w.bytes(m.data);
        w.string(m.format);
    }

    private static CompressedVideo readFrom(LcmReader r) {
        int dataLength = r.length("data_length");
        BuiltinTime timestamp = BuiltinTime.readFrom(r);
        String frameId = r.string("frame_id");
        byte[] data = r.bytes(dataLength, "data");
        return new CompressedVideo(timestamp, frameId, data, r.string("format"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompressedVideo other
                && timestamp.equals(other.timestamp) && frameId.equals(other.frameId)
                && format.equals(other.format) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timestamp, frameId, format) * 31 + Arrays.hashCode(data);
    }

    /** Shows the size of {@code data}, not its bytes. */
    @Override
    public String toString() {
        return "CompressedVideo[timestamp=" + timestamp + ", frameId=" + frameId + ", data=" + data.length
                + " bytes, format=" + format + "]";
    }
}
