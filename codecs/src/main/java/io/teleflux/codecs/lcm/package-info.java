/**
 * LCM messages, byte-identical to lcm-gen output, with no native code.
 *
 * <p>Each message is an immutable record exposing {@code public static final MessageType<X> TYPE}; demultiplex a
 * shared channel with {@code TYPE.matches(payload)}, which compares the 8-byte wire fingerprint. Fingerprints are
 * computed from the transcribed {@code .lcm} definitions with lcm-gen's algorithm, not hard-coded.
 *
 * <table>
 * <caption>Records and their LCM structs</caption>
 * <tr><th>Record</th><th>LCM struct</th></tr>
 * <tr><td>{@link io.teleflux.codecs.lcm.StdTime}</td><td>{@code std_msgs.Time}</td></tr>
 * <tr><td>{@link io.teleflux.codecs.lcm.BuiltinTime}</td><td>{@code builtin_interfaces.Time}</td></tr>
 * <tr><td>{@link io.teleflux.codecs.lcm.Header}</td><td>{@code std_msgs.Header}</td></tr>
 * <tr><td>{@link io.teleflux.codecs.lcm.Vector3}, {@link io.teleflux.codecs.lcm.Point},
 *     {@link io.teleflux.codecs.lcm.Quaternion}, {@link io.teleflux.codecs.lcm.Pose},
 *     {@link io.teleflux.codecs.lcm.PoseStamped}, {@link io.teleflux.codecs.lcm.Twist},
 *     {@link io.teleflux.codecs.lcm.TwistStamped}</td><td>{@code geometry_msgs.*} of the same name</td></tr>
 * <tr><td>{@link io.teleflux.codecs.lcm.Image}, {@link io.teleflux.codecs.lcm.Joy}</td>
 *     <td>{@code sensor_msgs.*} of the same name</td></tr>
 * <tr><td>{@link io.teleflux.codecs.lcm.CompressedVideo}</td><td>{@code foxglove_msgs.CompressedVideo}</td></tr>
 * </table>
 *
 * <p>Array ownership: {@code Joy} copies its small arrays; {@code Image} and {@code CompressedVideo} take their
 * {@code byte[]} without copying and hand out the same array (see their javadoc). Error behaviour is summarised in
 * {@link io.teleflux.codecs.lcm.LcmMessages}. All types are immutable and thread-safe.
 */
package io.teleflux.codecs.lcm;
