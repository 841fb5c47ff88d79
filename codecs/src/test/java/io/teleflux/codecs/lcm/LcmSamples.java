package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;
import java.util.List;

/** One or more representative messages of every LCM type, shared by the round-trip, malformed and fuzz tests. */
final class LcmSamples {

    /** A message with its type, so tests can encode and decode without casts at each call. */
    record Sample<T>(MessageType<T> type, T message) {
        byte[] encode() {
            return type.encode(message);
        }

        @Override
        public String toString() {
            return type.name() + " " + message;
        }
    }

    private LcmSamples() {
    }

    static List<Sample<?>> all() {
        Header keyboard = Header.of(7, 1_712_345_678, 123_456_789, "keyboard");
        Header accented = Header.of(-1, -5, 999_999_999, "gauche-é-😀");
        return List.of(
                new Sample<>(StdTime.TYPE, new StdTime(1_712_345_678, 500)),
                new Sample<>(BuiltinTime.TYPE, new BuiltinTime(3, 4)),
                new Sample<>(Header.TYPE, keyboard),
                new Sample<>(Header.TYPE, Header.of(0, 0, 0, "")),
                new Sample<>(Vector3.TYPE, new Vector3(1.5, -2.25, Double.NaN)),
                new Sample<>(Point.TYPE, new Point(Double.MAX_VALUE, Double.MIN_VALUE, -0.0)),
                new Sample<>(Quaternion.TYPE, new Quaternion(0.1, 0.2, 0.3, 0.9)),
                new Sample<>(Pose.TYPE, new Pose(new Point(1, 2, 3), Quaternion.IDENTITY)),
                new Sample<>(PoseStamped.TYPE, PoseStamped.of(3, 10, 20, "left", new Point(0.1, 0.2, 0.3),
                        new Quaternion(0, 0, 0.7071, 0.7071))),
                new Sample<>(Twist.TYPE, new Twist(new Vector3(0.5, 0, 0), new Vector3(0, 0, -1.2))),
                new Sample<>(TwistStamped.TYPE, TwistStamped.of(7, 1, 0, "keyboard", new Vector3(0.5, 0, 0),
                        Vector3.ZERO)),
                new Sample<>(TwistStamped.TYPE, new TwistStamped(accented, Twist.ZERO)),
                new Sample<>(Image.TYPE, new Image(keyboard, 2, 3, "rgb8", (byte) 0, 9,
                        new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18})),
                new Sample<>(Image.TYPE, new Image(Header.of(0, 0, 0, "cam"), 0, 0, "jpeg", (byte) 1, 0,
                        new byte[0])),
                new Sample<>(Joy.TYPE, new Joy(Header.of(1, 2, 3, "right"), new float[] {0.5f, -1f, Float.NaN},
                        new int[] {0, 1, 1, 0, -7})),
                new Sample<>(Joy.TYPE, new Joy(Header.of(1, 2, 3, "left"), new float[0], new int[0])),
                new Sample<>(CompressedVideo.TYPE, new CompressedVideo(new BuiltinTime(5, 6), "cam1",
                        new byte[] {0, 0, 0, 1, 0x67, 0x42, (byte) 0xC0, 0x1E}, "h264")),
                new Sample<>(CompressedVideo.TYPE, new CompressedVideo(BuiltinTime.ZERO, "", new byte[0], "")));
    }
}
