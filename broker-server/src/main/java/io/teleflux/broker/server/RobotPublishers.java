package io.teleflux.broker.server;

import io.teleflux.Channels;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The robot's two outbound channels on the relay ({@code state_reliable_back}, {@code map_unreliable}), shared by every
 * bridge of the robot (the operator's and the viewers'): opened with fresh robot ids when the first bridge subscribes,
 * closed when the last one leaves (then the robot's publisher ids go null in its ack). Control thread only, except
 * {@link #ids()} and {@link #retire()}.
 */
final class RobotPublishers {

    private final RelayPeer robot;
    private ChannelFanout stateBack;
    private ChannelFanout map;
    private int[] robotIds;
    private int subscribers;
    private volatile Relay.ChannelIds ids = Relay.ChannelIds.NONE;
    /** Bridges subscribed and not yet closed; decremented at once on close, before the channels are released. */
    private final AtomicInteger active = new AtomicInteger();

    RobotPublishers(RelayPeer robot) {
        this.robot = robot;
    }

    /** A subscription of {@code to}'s channels {@code stateBackId} and {@code mapId}. */
    record Subscription(ChannelFanout.Destination stateBack, ChannelFanout.Destination map) {
    }

    /**
     * The robot-side publisher ids now: {@code stateBack} and {@code map}, or null ids when no open bridge subscribes
     * (from any thread: a bridge that was closed no longer counts, even before its channels are released).
     */
    Relay.ChannelIds ids() {
        return active.get() > 0 ? ids : Relay.ChannelIds.NONE;
    }

    /** A subscribed bridge closed: stop reporting the ids on its behalf; any thread. */
    void retire() {
        active.decrementAndGet();
    }

    Subscription subscribe(RelayPeer to, int stateBackId, int mapId) {
        if (subscribers == 0) {
            open();
        }
        ChannelFanout.Destination sb = null;
        try {
            sb = stateBack.add(to, stateBackId);
            ChannelFanout.Destination m = map.add(to, mapId);
            subscribers++;
            active.incrementAndGet();
            return new Subscription(sb, m);
        } catch (RuntimeException e) {
            if (sb != null) {
                stateBack.remove(sb);
            }
            closeIfUnused();
            throw e;
        }
    }

    /** Releases a subscription's channels ({@link #retire()} was called before); on the control thread. */
    void unsubscribe(Subscription s) {
        stateBack.remove(s.stateBack());
        map.remove(s.map());
        subscribers--;
        closeIfUnused();
    }

    private void open() {
        robotIds = robot.ids().take(2);
        try {
            stateBack = new ChannelFanout(Channels.STATE_RELIABLE_BACK, robot, robotIds[0]);
            try {
                map = new ChannelFanout(Channels.MAP_UNRELIABLE, robot, robotIds[1]);
            } catch (RuntimeException e) {
                stateBack.close();
                throw e;
            }
        } catch (RuntimeException e) {
            robot.ids().release(robotIds);
            throw e;
        }
        ids = new Relay.ChannelIds(null, null, robotIds[0], robotIds[1]);
    }

    private void closeIfUnused() {
        if (subscribers > 0 || stateBack == null) {
            return;
        }
        ids = Relay.ChannelIds.NONE;
        stateBack.close();
        map.close();
        robot.ids().release(robotIds);
        stateBack = null;
        map = null;
    }
}
