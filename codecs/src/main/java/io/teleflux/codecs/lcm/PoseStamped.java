package io.teleflux.codecs.lcm;

import io.teleflux.MessageType;
import java.util.Objects;

/**
 * LCM {@code geometry_msgs.PoseStamped}: a pose with a header. The VR client sends one per hand on
 * {@code cmd_unreliable}, with the handedness ({@code "left"}/{@code "right"}) as {@code frame_id}.
 *
 * @param header not null
 * @param pose   not null
 */
public record PoseStamped(Header header, Pose pose) {

    /** The wire type, {@code geometry_msgs.PoseStamped} (fingerprint {@code 0x6a82696458c279a0}). */
    public static final MessageType<PoseStamped> TYPE = new LcmMessageType<>(LcmSchemas.POSE_STAMPED,
            PoseStamped.class, m -> m.header.bodySize() + Pose.SIZE, PoseStamped::writeTo, PoseStamped::readFrom);

    /**
     * @throws NullPointerException if a component is null
     */
    public PoseStamped {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(pose, "pose");
    }

    /** A pose stamped {@code sec}/{@code nsec} in {@code frameId}. */
    public static PoseStamped of(int seq, int sec, int nsec, String frameId, Point position, Quaternion orientation) {
        return new PoseStamped(Header.of(seq, sec, nsec, frameId), new Pose(position, orientation));
    }

    private static void writeTo(LcmWriter w, PoseStamped m) {
        m.header.writeTo(w);
        m.pose.writeTo(w);
    }

    private static PoseStamped readFrom(LcmReader r) {
        return new PoseStamped(Header.readFrom(r), Pose.readFrom(r));
    }
}
