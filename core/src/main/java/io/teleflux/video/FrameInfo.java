package io.teleflux.video;

import java.time.Instant;
import java.util.Objects;

/**
 * What a raw {@link Frame} is, apart from its pixels: format, size and the fields of the LCM {@code Header}
 * ({@code seq}, {@code stamp}, {@code frame_id}). Immutable; each {@code with…} returns a copy and bad values fail at
 * once with the value in the message.
 *
 * @param format the pixel layout
 * @param width pixels per row, 1 to {@link #MAX_DIMENSION}
 * @param height rows, 1 to {@link #MAX_DIMENSION}
 * @param timestamp capture time on the wall clock (the LCM header's {@code stamp}); {@link Instant#EPOCH} when unknown
 *        (the default of {@link #of(PixelFormat, int, int)})
 * @param id the frame number, {@code >= 0} and increasing per source (the LCM header's {@code seq}); default 0. Not to
 *        be confused with {@code frameId}
 * @param frameId the name of the coordinate frame the image is in (the LCM header's {@code frame_id}, e.g.
 *        {@code "camera_optical"}); default {@code ""}
 */
public record FrameInfo(PixelFormat format, int width, int height, Instant timestamp, long id, String frameId) {

    /** The largest width or height accepted anywhere in this package: 16384. */
    public static final int MAX_DIMENSION = 16384;

    /** Validates every component; see the record's description for the ranges. */
    public FrameInfo {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(frameId, "frameId");
        Checks.dimensions(width, height);
        Checks.nonNegative("id", id);
    }

    /** A frame description with the defaults: timestamp {@link Instant#EPOCH}, id 0, frameId {@code ""}. */
    public static FrameInfo of(PixelFormat format, int width, int height) {
        return new FrameInfo(format, width, height, Instant.EPOCH, 0, "");
    }

    /** A copy with another pixel format. */
    public FrameInfo withFormat(PixelFormat format) {
        return new FrameInfo(format, width, height, timestamp, id, frameId);
    }

    /** A copy with another size. */
    public FrameInfo withSize(int width, int height) {
        return new FrameInfo(format, width, height, timestamp, id, frameId);
    }

    /** A copy with another capture time. */
    public FrameInfo withTimestamp(Instant timestamp) {
        return new FrameInfo(format, width, height, timestamp, id, frameId);
    }

    /** A copy with another frame number. */
    public FrameInfo withId(long id) {
        return new FrameInfo(format, width, height, timestamp, id, frameId);
    }

    /** A copy with another coordinate frame name. */
    public FrameInfo withFrameId(String frameId) {
        return new FrameInfo(format, width, height, timestamp, id, frameId);
    }

    /** The exact buffer size of such a frame: {@code format().bufferSize(width(), height())}. */
    public int bufferSize() {
        return format.bufferSize(width, height);
    }

    @Override
    public String toString() {
        return format + " " + width + "x" + height + " id=" + id + " ts=" + timestamp
                + (frameId.isEmpty() ? "" : " frameId=" + frameId);
    }
}
