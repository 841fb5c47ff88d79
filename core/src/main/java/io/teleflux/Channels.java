package io.teleflux;

import java.util.List;

/**
 * The four standard teleoperation channels, with the options every hosted-teleop peer (browser, broker, SFU)
 * expects. Their names and delivery guarantees are part of the wire protocol; their backpressure policies are local
 * and may be changed with {@link ChannelSpec#withBackpressure(BackpressurePolicy)}.
 */
public final class Channels {

    /**
     * Operator → robot commands, LCM ({@code TwistStamped}, {@code PoseStamped}, {@code Joy}); unordered, 0
     * retransmits: a lost command is superseded by the next. Backpressure: {@link BackpressurePolicy#LATEST} (only the
     * newest command matters).
     */
    public static final ChannelSpec CMD_UNRELIABLE = ChannelSpec.of("cmd_unreliable", Direction.OPERATOR_TO_ROBOT)
            .withQos(Qos.unreliable()).withFormat(PayloadFormat.LCM).withBackpressure(BackpressurePolicy.LATEST);

    /**
     * Operator → robot control, JSON ({@code ping}, {@code estop}, {@code sport_cmd}, …); ordered and reliable.
     * Backpressure: {@link BackpressurePolicy#buffer(int) BUFFER(1024)}, overflow ERROR: an acknowledged command is
     * never dropped silently.
     */
    public static final ChannelSpec STATE_RELIABLE = ChannelSpec.of("state_reliable", Direction.OPERATOR_TO_ROBOT)
            .withQos(Qos.reliable()).withFormat(PayloadFormat.JSON).withBackpressure(BackpressurePolicy.buffer(1024));

    /**
     * Robot → operator control, JSON ({@code pong}, {@code cmd_ack}, {@code robot_telemetry}); ordered and reliable.
     * Backpressure: {@link BackpressurePolicy#buffer(int) BUFFER(1024)}, overflow ERROR.
     */
    public static final ChannelSpec STATE_RELIABLE_BACK =
            ChannelSpec.of("state_reliable_back", Direction.ROBOT_TO_OPERATOR)
                    .withQos(Qos.reliable()).withFormat(PayloadFormat.JSON)
                    .withBackpressure(BackpressurePolicy.buffer(1024));

    /**
     * Robot → operator maps and odometry, JSON ({@code map}, {@code odom}); unordered, 0 retransmits.
     * Backpressure: {@link BackpressurePolicy#LATEST}.
     */
    public static final ChannelSpec MAP_UNRELIABLE = ChannelSpec.of("map_unreliable", Direction.ROBOT_TO_OPERATOR)
            .withQos(Qos.unreliable()).withFormat(PayloadFormat.JSON).withBackpressure(BackpressurePolicy.LATEST);

    /** The four standard channels, in the order peers open them. */
    public static final List<ChannelSpec> STANDARD =
            List.of(CMD_UNRELIABLE, STATE_RELIABLE, STATE_RELIABLE_BACK, MAP_UNRELIABLE);

    private Channels() {
    }
}
