package io.teleflux.broker.server;

import io.teleflux.Channels;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One operator's (or viewer's) bridge to the robot. Each channel is forwarded in its one direction: the robot's
 * outbound {@code state_reliable_back} and {@code map_unreliable} reach every bridge (shared through
 * {@link RobotPublishers}); only the operator's bridge ({@code control}) also forwards {@code cmd_unreliable} and
 * {@code state_reliable} to the robot. Each side has its own ids, fresh for every bridge. Built and released on the
 * relay's control thread.
 */
final class RelayBridge implements Relay.Bridge {

    private final WebRtcRelay relay;
    private final RelayPeer robot;
    private final RelayPeer operator;
    private final int[] operatorIdArray;
    private final int[] robotInboundIds;
    private final Relay.ChannelIds operatorIds;
    private final ChannelFanout cmd;
    private final ChannelFanout state;
    private final RobotPublishers publishers;
    private final RobotPublishers.Subscription published;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile VideoForward video;
    private VideoReceiveSwitch videoReceive; // control thread only
    private volatile String videoOffer;
    private volatile String videoStatus = "no_published_track";

    /** Opens the channels; on the control thread. */
    RelayBridge(WebRtcRelay relay, RelayPeer robot, RelayPeer operator, boolean control) {
        this.relay = relay;
        this.robot = robot;
        this.operator = operator;
        this.operatorIdArray = operator.ids().take(control ? 4 : 2);
        this.robotInboundIds = control ? robot.ids().take(2) : new int[0];
        ChannelFanout cmdForward = null;
        ChannelFanout stateForward = null;
        try {
            if (control) {
                cmdForward = new ChannelFanout(Channels.CMD_UNRELIABLE, operator, operatorIdArray[0]);
                cmdForward.add(robot, robotInboundIds[0]);
                stateForward = new ChannelFanout(Channels.STATE_RELIABLE, operator, operatorIdArray[1]);
                stateForward.add(robot, robotInboundIds[1]);
            }
            int base = control ? 2 : 0;
            this.publishers = robot.publishers();
            this.published = publishers.subscribe(operator, operatorIdArray[base], operatorIdArray[base + 1]);
        } catch (RuntimeException e) {
            if (cmdForward != null) {
                cmdForward.close();
            }
            if (stateForward != null) {
                stateForward.close();
            }
            operator.ids().release(operatorIdArray);
            robot.ids().release(robotInboundIds);
            throw e;
        }
        this.cmd = cmdForward;
        this.state = stateForward;
        this.operatorIds = control
                ? new Relay.ChannelIds(operatorIdArray[0], operatorIdArray[1], operatorIdArray[2], operatorIdArray[3])
                : new Relay.ChannelIds(null, null, operatorIdArray[0], operatorIdArray[1]);
    }

    void video(VideoForward forward, String offer, String status) {
        this.video = forward;
        this.videoOffer = offer;
        this.videoStatus = status;
    }

    /** This bridge {@linkplain VideoReceiveSwitch#acquire acquired} {@code receive}: released with the bridge. */
    void receivesVideoWith(VideoReceiveSwitch receive) {
        this.videoReceive = receive;
    }

    /** The robot's ids: this bridge's inbound ones (operator only) and the shared publisher ones. */
    @Override
    public Relay.ChannelIds robotIds() {
        Relay.ChannelIds pub = robot.publisherIds();
        return cmd == null ? pub : new Relay.ChannelIds(robotInboundIds[0], robotInboundIds[1], pub.stateBack(),
                pub.map());
    }

    @Override
    public Relay.ChannelIds operatorIds() {
        return operatorIds;
    }

    @Override
    public String videoOffer() {
        return videoOffer;
    }

    @Override
    public String videoStatus() {
        return videoStatus;
    }

    /** Closes on the control thread, before any leg close queued after it. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            publishers.retire(); // the robot's next ack no longer counts this bridge
            relay.onControl(this::release);
        }
    }

    /** On the control thread. */
    void release() {
        if (closed.compareAndSet(false, true)) {
            publishers.retire();
        }
        VideoForward v = video;
        if (v != null) {
            v.close(operator.connection());
        }
        VideoReceiveSwitch receive = videoReceive;
        videoReceive = null;
        if (receive != null) {
            receive.release(); // the last forwarding bridge stops the robot's video being decoded
        }
        if (cmd != null) {
            cmd.close();
            state.close();
        }
        publishers.unsubscribe(published);
        operator.ids().release(operatorIdArray);
        robot.ids().release(robotInboundIds);
        robot.hintIdsChanged(); // its next ack drops these ids: let it close its channels now
    }
}
