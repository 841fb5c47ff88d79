package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;
import java.util.Objects;

/**
 * LCM {@code std_msgs.Header}: sequence number, stamp and frame id, at the start of every stamped message.
 *
 * @param seq     sequence number; the browser increments it ({@code & 0x7fffffff}), DimOS always writes 0
 * @param stamp   the time the message refers to; not null
 * @param frameId the coordinate frame or source, for example {@code "keyboard"} or {@code "left"}; not null. Any Java
 *                string without unpaired surrogates encodes; an embedded NUL is carried, though C readers stop there
 */
public record Header(int seq, StdTime stamp, String frameId) {

    /** The wire type, {@code std_msgs.Header} (fingerprint {@code 0x2fdb11453be64af7}). */
    public static final MessageType<Header> TYPE = new LcmMessageType<>(LcmSchemas.HEADER, Header.class,
            Header::bodySize, (w, m) -> m.writeTo(w), Header::readFrom);

    /**
     * @throws NullPointerException if {@code stamp} or {@code frameId} is null
     */
    public Header {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(frameId, "frameId");
    }

    /** A header stamped {@code sec}/{@code nsec}. */
    public static Header of(int seq, int sec, int nsec, String frameId) {
        return new Header(seq, new StdTime(sec, nsec), frameId);
    }

    long bodySize() {
        return 4 + StdTime.SIZE + LcmWriter.stringSize(frameId, "header.frame_id");
    }

    void writeTo(LcmWriter w) {
        w.int32(seq);
        stamp.writeTo(w);
        w.string(frameId);
    }

    static Header readFrom(LcmReader r) {
        int seq = r.int32("header.seq");
        StdTime stamp = StdTime.readFrom(r);
        return new Header(seq, stamp, r.string("header.frame_id"));
    }
}
