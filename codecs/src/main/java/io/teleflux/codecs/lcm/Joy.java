package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;
import java.util.Arrays;
import java.util.Objects;

/**
 * LCM {@code sensor_msgs.Joy}: controller axes and buttons. The VR client sends one per hand on
 * {@code cmd_unreliable}, with the handedness as {@code frame_id}. On the wire {@code axes_length} and
 * {@code buttons_length} come first, then the header, then the arrays.
 *
 * <p>The arrays are small, so this record is truly immutable: the constructor copies them and the accessors return
 * copies. {@link #equals(Object)} and {@link #hashCode()} compare contents (floats as {@link Float#compare}).
 *
 * @param header  not null
 * @param axes    axis positions, usually in [-1, 1]; not null, copied
 * @param buttons button states; not null, copied
 */
public record Joy(Header header, float[] axes, int[] buttons) {

    /** The wire type, {@code sensor_msgs.Joy} (fingerprint {@code 0xa0f07abc86c1684c}). */
    public static final MessageType<Joy> TYPE = new LcmMessageType<>(LcmSchemas.JOY, Joy.class,
            Joy::bodySize, Joy::writeTo, Joy::readFrom);

    /**
     * @throws NullPointerException if a component is null
     */
    public Joy {
        Objects.requireNonNull(header, "header");
        axes = Objects.requireNonNull(axes, "axes").clone();
        buttons = Objects.requireNonNull(buttons, "buttons").clone();
    }

    /** A copy of the axes. */
    @Override
    public float[] axes() {
        return axes.clone();
    }

    /** A copy of the buttons. */
    @Override
    public int[] buttons() {
        return buttons.clone();
    }

    /** The number of axes, without copying them. */
    public int axisCount() {
        return axes.length;
    }

    /** The number of buttons, without copying them. */
    public int buttonCount() {
        return buttons.length;
    }

    private static long bodySize(Joy m) {
        return 4 + 4 + m.header.bodySize() + 4L * m.axes.length + 4L * m.buttons.length;
    }

    private static void writeTo(LcmWriter w, Joy m) {
        w.int32(m.axes.length);
        w.int32(m.buttons.length);
        m.header.writeTo(w);
        w.float32s(m.axes);
        w.int32s(m.buttons);
    }

    private static Joy readFrom(LcmReader r) {
        int axesLength = r.length("axes_length");
        int buttonsLength = r.length("buttons_length");
        Header header = Header.readFrom(r);
        float[] axes = r.float32s(axesLength, "axes");
        return new Joy(header, axes, r.int32s(buttonsLength, "buttons"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Joy other && header.equals(other.header)
                && Arrays.equals(axes, other.axes) && Arrays.equals(buttons, other.buttons);
    }

    @Override
    public int hashCode() {
        return (header.hashCode() * 31 + Arrays.hashCode(axes)) * 31 + Arrays.hashCode(buttons);
    }

    @Override
    public String toString() {
        return "Joy[header=" + header + ", axes=" + Arrays.toString(axes) + ", buttons=" + Arrays.toString(buttons)
                + "]";
    }
}
