package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;
import java.util.Arrays;
import java.util.Objects;

/**
 * LCM {@code sensor_msgs.Image}: one raw or JPEG frame. On the wire the member order is {@code data_length},
 * header, height, width, encoding, is_bigendian, step, data; {@code data_length} is {@code data.length}.
 *
 * <p><b>Ownership of {@code data}.</b> Frames are large, so this record does not copy: the constructor keeps the
 * array it is given and {@link #data()} returns that same array. Whoever creates an Image hands the array over and
 * must not write to it afterwards; whoever reads {@code data()} must not write to it either. A decoded Image owns a
 * fresh array of its own. {@link #equals(Object)} and {@link #hashCode()} compare the bytes.
 *
 * @param header      not null; DimOS writes {@code seq=0}
 * @param height      rows
 * @param width       columns
 * @param encoding    pixel format, for example {@code "rgb8"}, {@code "bgra8"}, {@code "mono16"}, {@code "32FC1"}
 *                    or {@code "jpeg"}; not null
 * @param isBigendian the wire byte as is; DimOS writes 0
 * @param step        bytes per row ({@code width * itemsize * channels}); 0 for JPEG
 * @param data        the pixel bytes, or the JPEG stream; not null, not copied (see above)
 */
public record Image(Header header, int height, int width, String encoding, byte isBigendian, int step, byte[] data) {

    /** The wire type, {@code sensor_msgs.Image} (fingerprint {@code 0x535cface1f4f5717}). */
    public static final MessageType<Image> TYPE = new LcmMessageType<>(LcmSchemas.IMAGE, Image.class,
            Image::bodySize, Image::writeTo, Image::readFrom);

    /**
     * @throws NullPointerException if {@code header}, {@code encoding} or {@code data} is null
     */
    public Image {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(data, "data");
    }

    private static long bodySize(Image m) {
        return 4 + m.header.bodySize() + 4 + 4 + LcmWriter.stringSize(m.encoding, "encoding") + 1 + 4
                + m.data.length;
    }

    private static void writeTo(LcmWriter w, Image m) {
        w.int32(m.data.length);
        m.header.writeTo(w);
        w.int32(m.height);
        w.int32(m.width);
        w.string(m.encoding);
        w.int8(m.isBigendian);
        w.int32(m.step);
        w.bytes(m.data);
    }

    private static Image readFrom(LcmReader r) {
        int dataLength = r.length("data_length");
        Header header = Header.readFrom(r);
        int height = r.int32("height");
        int width = r.int32("width");
        String encoding = r.string("encoding");
        byte isBigendian = r.int8("is_bigendian");
        int step = r.int32("step");
        return new Image(header, height, width, encoding, isBigendian, step, r.bytes(dataLength, "data"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image other
                && height == other.height && width == other.width && isBigendian == other.isBigendian
                && step == other.step && header.equals(other.header) && encoding.equals(other.encoding)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(header, height, width, encoding, isBigendian, step) * 31 + Arrays.hashCode(data);
    }

    /** Shows the size of {@code data}, not its bytes. */
    @Override
    public String toString() {
        return "Image[header=" + header + ", height=" + height + ", width=" + width + ", encoding=" + encoding
                + ", isBigendian=" + isBigendian + ", step=" + step + ", data=" + data.length + " bytes]";
    }
}
