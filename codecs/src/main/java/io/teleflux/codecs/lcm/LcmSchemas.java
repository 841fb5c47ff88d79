package io.teleflux.codecs.lcm;

/**
 * The {@code .lcm} definitions of every struct this package encodes, transcribed member by member from
 * {@code dimos-lcm/lcm_types}. Declaration order matters: it is both the wire order and part of the fingerprint.
 */
final class LcmSchemas {

    /** {@code struct std_msgs.Time { int32_t sec; int32_t nsec; }} */
    static final LcmStruct STD_TIME = LcmStruct.struct("std_msgs.Time")
            .primitive("int32_t", "sec")
            .primitive("int32_t", "nsec")
            .build();

    /** {@code struct builtin_interfaces.Time { int32_t sec; int32_t nanosec; }} */
    static final LcmStruct BUILTIN_TIME = LcmStruct.struct("builtin_interfaces.Time")
            .primitive("int32_t", "sec")
            .primitive("int32_t", "nanosec")
            .build();

    /** {@code struct std_msgs.Header { int32_t seq; std_msgs.Time stamp; string frame_id; }} */
    static final LcmStruct HEADER = LcmStruct.struct("std_msgs.Header")
            .primitive("int32_t", "seq")
            .struct(STD_TIME, "stamp")
            .primitive("string", "frame_id")
            .build();

    /** {@code struct geometry_msgs.Vector3 { double x; double y; double z; }} */
    static final LcmStruct VECTOR3 = LcmStruct.struct("geometry_msgs.Vector3")
            .primitive("double", "x")
            .primitive("double", "y")
            .primitive("double", "z")
            .build();

    /** {@code struct geometry_msgs.Point { double x; double y; double z; }} */
    static final LcmStruct POINT = LcmStruct.struct("geometry_msgs.Point")
            .primitive("double", "x")
            .primitive("double", "y")
            .primitive("double", "z")
            .build();

    /** {@code struct geometry_msgs.Quaternion { double x; double y; double z; double w; }} */
    static final LcmStruct QUATERNION = LcmStruct.struct("geometry_msgs.Quaternion")
            .primitive("double", "x")
            .primitive("double", "y")
            .primitive("double", "z")
            .primitive("double", "w")
            .build();

    /** {@code struct geometry_msgs.Pose { geometry_msgs.Point position; geometry_msgs.Quaternion orientation; }} */
    static final LcmStruct POSE = LcmStruct.struct("geometry_msgs.Pose")
            .struct(POINT, "position")
            .struct(QUATERNION, "orientation")
            .build();

    /** {@code struct geometry_msgs.PoseStamped { std_msgs.Header header; geometry_msgs.Pose pose; }} */
    static final LcmStruct POSE_STAMPED = LcmStruct.struct("geometry_msgs.PoseStamped")
            .struct(HEADER, "header")
            .struct(POSE, "pose")
            .build();

    /** {@code struct geometry_msgs.Twist { geometry_msgs.Vector3 linear; geometry_msgs.Vector3 angular; }} */
    static final LcmStruct TWIST = LcmStruct.struct("geometry_msgs.Twist")
            .struct(VECTOR3, "linear")
            .struct(VECTOR3, "angular")
            .build();

    /** {@code struct geometry_msgs.TwistStamped { std_msgs.Header header; geometry_msgs.Twist twist; }} */
    static final LcmStruct TWIST_STAMPED = LcmStruct.struct("geometry_msgs.TwistStamped")
            .struct(HEADER, "header")
            .struct(TWIST, "twist")
            .build();

    /**
     * {@code struct sensor_msgs.Image { int32_t data_length; std_msgs.Header header; int32_t height; int32_t width;
     * string encoding; byte is_bigendian; int32_t step; byte data[data_length]; }}
     */
    static final LcmStruct IMAGE = LcmStruct.struct("sensor_msgs.Image")
            .primitive("int32_t", "data_length")
            .struct(HEADER, "header")
            .primitive("int32_t", "height")
            .primitive("int32_t", "width")
            .primitive("string", "encoding")
            .primitive("byte", "is_bigendian")
            .primitive("int32_t", "step")
            .primitiveArray("byte", "data", "data_length")
            .build();

    /**
     * {@code struct sensor_msgs.Joy { int32_t axes_length; int32_t buttons_length; std_msgs.Header header;
     * float axes[axes_length]; int32_t buttons[buttons_length]; }}
     */
    static final LcmStruct JOY = LcmStruct.struct("sensor_msgs.Joy")
            .primitive("int32_t", "axes_length")
            .primitive("int32_t", "buttons_length")
            .struct(HEADER, "header")
            .primitiveArray("float", "axes", "axes_length")
            .primitiveArray("int32_t", "buttons", "buttons_length")
            .build();

    /**
     * {@code struct foxglove_msgs.CompressedVideo { int32_t data_length; builtin_interfaces.Time timestamp;
     * string frame_id; byte data[data_length]; string format; }}
     */
    static final LcmStruct COMPRESSED_VIDEO = LcmStruct.struct("foxglove_msgs.CompressedVideo")
            .primitive("int32_t", "data_length")
            .struct(BUILTIN_TIME, "timestamp")
            .primitive("string", "frame_id")
            .primitiveArray("byte", "data", "data_length")
            .primitive("string", "format")
            .build();

    private LcmSchemas() {
    }
}
