package io.teleflux.broker.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One robot session: its state ({@code idle | active | disconnected}), the robot's relay leg and heartbeat, the one
 * bound operator (its slot claimed atomically) and up to {@value #MAX_VIEWERS} viewers, each with its relay leg,
 * op-heartbeat and bridge. Every transition is synchronized; what a transition detaches (legs, bridges) is returned as
 * a {@link Detached} and closed by the caller outside the lock.
 */
final class BrokerSession {

    /** The most viewers a session admits. */
    static final int MAX_VIEWERS = 8;

    /** The session row states of the hosted broker. */
    enum State {
        IDLE("idle"), ACTIVE("active"), DISCONNECTED("disconnected");

        final String wire;

        State(String wire) {
            this.wire = wire;
        }
    }

    /** The operator (who controls the robot) or a viewer, and what the relay holds for it. */
    private static final class Participant {
        final String email;
        final boolean control;
        Relay.OperatorLeg leg;
        Relay.Bridge bridge;
        String pendingVideoOffer;
        Instant lastHeartbeat;

        Participant(String email, boolean control, Instant now) {
            this.email = email;
            this.control = control;
            this.lastHeartbeat = now;
        }

        void detachInto(List<Relay.Bridge> bridges, List<Relay.OperatorLeg> legs) {
            if (bridge != null) {
                bridges.add(bridge);
            }
            if (leg != null) {
                legs.add(leg);
            }
            bridge = null;
            leg = null;
            pendingVideoOffer = null;
        }
    }

    /**
     * A place taken by a join (the operator slot or a viewer place), held until the participant's leg is attached;
     * {@link #replaced()} is what the same person's previous connection left behind, for the caller to close.
     */
    static final class Claim {
        private final Participant participant;
        private final Detached replaced;

        private Claim(Participant participant, Detached replaced) {
            this.participant = participant;
            this.replaced = replaced;
        }

        Detached replaced() {
            return replaced;
        }
    }

    /** A participant's leg and whether it controls the robot (the operator) or only watches (a viewer). */
    record Member(Relay.OperatorLeg leg, boolean control) {
    }

    /** Resources a transition took out of the session; {@link #close()} releases them. */
    record Detached(List<Relay.Bridge> bridges, List<Relay.OperatorLeg> legs, Relay.RobotLeg robotLeg) {
        static final Detached NOTHING = new Detached(List.of(), List.of(), null);

        boolean isEmpty() {
            return bridges.isEmpty() && legs.isEmpty() && robotLeg == null;
        }

        /** Closes the bridges, then the legs, then the robot's leg; never throws. */
        void close() {
            bridges.forEach(Relay.Bridge::close);
            legs.forEach(Relay.OperatorLeg::close);
            if (robotLeg != null) {
                robotLeg.close();
            }
        }
    }

    /** A consistent copy of what {@code SessionInfo} reports. */
    record Snapshot(String id, String owner, String robotId, String robotName, String robotType, State state,
            String operatorId, int viewers, Double rttMs, Double packetLossPct, Instant createdAt,
            Instant lastRobotHeartbeat) {
    }

    private final String id;
    private final String owner;
    private final String robotId;
    private final String robotName;
    private final String robotType;
    private final Instant createdAt;

    private State state = State.IDLE;
    private Relay.RobotLeg robotLeg;
    private Instant lastRobotHeartbeat;
    private Double rttMs;
    private Double packetLossPct;
    private Participant operator;
    private final Map<String, Participant> viewers = new LinkedHashMap<>();
    private Instant disconnectedAt;

    BrokerSession(String id, Identity.Robot robot, String robotName, String robotType, Relay.RobotLeg robotLeg,
            Instant now) {
        this.id = Objects.requireNonNull(id, "id");
        this.owner = robot.owner();
        this.robotId = robot.robotId();
        this.robotName = robotName;
        this.robotType = robotType;
        this.robotLeg = robotLeg;
        this.createdAt = now;
        this.lastRobotHeartbeat = now;
    }

    String id() {
        return id;
    }

    String owner() {
        return owner;
    }

    String robotId() {
        return robotId;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(id, owner, robotId, robotName, robotType, state, operator == null ? null : operator.email,
                viewers.size(), rttMs, packetLossPct, createdAt, lastRobotHeartbeat);
    }

    synchronized State state() {
        return state;
    }

    synchronized String robotLegId() {
        return robotLeg == null ? null : robotLeg.id();
    }

    /** Whether the robot's last heartbeat is at most {@code timeout} old at {@code now}. */
    synchronized boolean robotFresh(Instant now, Duration timeout) {
        return state != State.DISCONNECTED && !lastRobotHeartbeat.plus(timeout).isBefore(now);
    }

    /**
     * Records a robot heartbeat; returns the robot-side channel ids to open: the operator bridge's inbound ones and
     * the robot's shared outbound ones. 404 once the session is disconnected.
     */
    synchronized Relay.ChannelIds robotHeartbeat(Instant now, Double rtt, Double loss) {
        if (state == State.DISCONNECTED) {
            throw ApiException.notFound("Session not found");
        }
        lastRobotHeartbeat = now;
        if (rtt != null) {
            rttMs = rtt;
        }
        if (loss != null) {
            packetLossPct = loss;
        }
        Relay.ChannelIds published = robotLeg == null ? Relay.ChannelIds.NONE : robotLeg.publisherIds();
        Relay.ChannelIds inbound = operator == null || operator.bridge == null ? Relay.ChannelIds.NONE
                : operator.bridge.robotIds();
        return new Relay.ChannelIds(inbound.cmd(), inbound.state(), published.stateBack(), published.map());
    }

    /**
     * Claims the operator slot for {@code email}: 404 if the session is disconnected or the robot's heartbeat is
     * stale, 409 if the robot leg is missing or another operator holds the slot. The same operator claiming again
     * replaces its previous connection (a reloaded page), as does a viewer becoming the operator.
     */
    synchronized Claim claimOperator(String email, Instant now, Duration robotTimeout) {
        requireJoinable(now, robotTimeout);
        if (operator != null && !operator.email.equals(email)) {
            throw ApiException.conflict("Session already has operator: " + operator.email);
        }
        List<Relay.Bridge> bridges = new ArrayList<>();
        List<Relay.OperatorLeg> legs = new ArrayList<>();
        if (operator != null) {
            operator.detachInto(bridges, legs);
        }
        Participant viewer = viewers.remove(email);
        if (viewer != null) {
            viewer.detachInto(bridges, legs);
        }
        operator = new Participant(email, true, now);
        return new Claim(operator, new Detached(bridges, legs, null));
    }

    /**
     * Takes a viewer place for {@code email}: like {@link #claimOperator} for 404 and 409, plus 409 when
     * {@code email} is the operator or {@value #MAX_VIEWERS} others watch already. The same viewer joining again
     * replaces its previous connection.
     */
    synchronized Claim claimViewer(String email, Instant now, Duration robotTimeout) {
        requireJoinable(now, robotTimeout);
        if (operator != null && operator.email.equals(email)) {
            throw ApiException.conflict("Already the operator of this session: leave first to watch");
        }
        List<Relay.Bridge> bridges = new ArrayList<>();
        List<Relay.OperatorLeg> legs = new ArrayList<>();
        Participant previous = viewers.remove(email);
        if (previous != null) {
            previous.detachInto(bridges, legs);
        } else if (viewers.size() >= MAX_VIEWERS) {
            throw ApiException.conflict("Session already has " + MAX_VIEWERS + " viewers");
        }
        Participant viewer = new Participant(email, false, now);
        viewers.put(email, viewer);
        return new Claim(viewer, new Detached(bridges, legs, null));
    }

    /** Binds a joined participant's leg if its claim still holds; false when it was lost meanwhile. */
    synchronized boolean attach(Claim held, Relay.OperatorLeg leg, Instant now) {
        Participant p = held.participant;
        if (state == State.DISCONNECTED || current(p.email) != p) {
            return false;
        }
        p.leg = leg;
        p.lastHeartbeat = now;
        if (p.control) {
            state = State.ACTIVE;
        }
        return true;
    }

    /** Gives a place back after a failed join, if {@code held} still holds it. */
    synchronized void releaseClaim(Claim held) {
        Participant p = held.participant;
        if (current(p.email) == p) {
            remove(p);
        }
    }

    /** The participant's leg; 403 if {@code email} neither operates nor views, 409 before its leg is attached. */
    synchronized Member member(String email) {
        Participant p = participant(email);
        if (p.leg == null) {
            throw ApiException.conflict("Operator session not established yet");
        }
        return new Member(p.leg, p.control);
    }

    /** The robot's leg, or 409. */
    synchronized Relay.RobotLeg robotLeg() {
        if (robotLeg == null || state == State.DISCONNECTED) {
            throw ApiException.conflict("Robot session not established");
        }
        return robotLeg;
    }

    /** Takes the participant's current bridge out (a re-bridge replaces it); the caller closes it. */
    synchronized Relay.Bridge takeBridge(String email) {
        Participant p = participant(email);
        Relay.Bridge old = p.bridge;
        p.bridge = null;
        p.pendingVideoOffer = null;
        return old;
    }

    /** Installs a bridge made for {@code leg}; false if that leg is no longer the participant's. */
    synchronized boolean installBridge(String email, Relay.OperatorLeg leg, Relay.Bridge bridge) {
        Participant p = current(email);
        if (p == null || p.leg != leg || state == State.DISCONNECTED) {
            return false;
        }
        p.bridge = bridge;
        p.pendingVideoOffer = bridge.videoOffer();
        return true;
    }

    /** The pending video offer, consumed (one-shot); 403 if not a participant, 409 when none is pending. */
    synchronized String takeVideoOffer(String email) {
        Participant p = participant(email);
        String offer = p.pendingVideoOffer;
        p.pendingVideoOffer = null;
        if (offer == null) {
            throw ApiException.conflict("No pending video offer");
        }
        return offer;
    }

    /** Records an op-heartbeat; 403 if {@code email} neither operates nor views. */
    synchronized void operatorHeartbeat(String email, Instant now) {
        participant(email).lastHeartbeat = now;
    }

    /** The operator or a viewer leaves; 403 if {@code email} is neither. */
    synchronized Detached leave(String email) {
        return remove(participant(email));
    }

    /** Evicts the operator and the viewers whose last op-heartbeat is older than {@code timeout}. */
    synchronized Detached evictSilent(Instant now, Duration timeout) {
        List<Participant> silent = new ArrayList<>();
        if (operator != null && operator.lastHeartbeat.plus(timeout).isBefore(now)) {
            silent.add(operator);
        }
        for (Participant v : viewers.values()) {
            if (v.lastHeartbeat.plus(timeout).isBefore(now)) {
                silent.add(v);
            }
        }
        List<Relay.Bridge> bridges = new ArrayList<>();
        List<Relay.OperatorLeg> legs = new ArrayList<>();
        for (Participant p : silent) {
            Detached d = remove(p);
            bridges.addAll(d.bridges());
            legs.addAll(d.legs());
        }
        return silent.isEmpty() ? Detached.NOTHING : new Detached(bridges, legs, null);
    }

    /** Disconnects the session if the robot's last heartbeat is older than {@code timeout}. */
    synchronized Detached reapSilentRobot(Instant now, Duration timeout) {
        if (state == State.DISCONNECTED || !lastRobotHeartbeat.plus(timeout).isBefore(now)) {
            return Detached.NOTHING;
        }
        return disconnect(now);
    }

    /** Marks the session disconnected and detaches everything (robot delete, re-registration, reaping, stop). */
    synchronized Detached disconnect(Instant now) {
        List<Relay.Bridge> bridges = new ArrayList<>();
        List<Relay.OperatorLeg> legs = new ArrayList<>();
        if (operator != null) {
            operator.detachInto(bridges, legs);
            operator = null;
        }
        for (Participant v : viewers.values()) {
            v.detachInto(bridges, legs);
        }
        viewers.clear();
        Relay.RobotLeg robot = robotLeg;
        robotLeg = null;
        if (state != State.DISCONNECTED) {
            state = State.DISCONNECTED;
            disconnectedAt = now;
        }
        return new Detached(bridges, legs, robot);
    }

    /** Whether a disconnected session has been kept for {@code retention} and can be forgotten. */
    synchronized boolean expired(Instant now, Duration retention) {
        return state == State.DISCONNECTED && disconnectedAt.plus(retention).isBefore(now);
    }

    private void requireJoinable(Instant now, Duration robotTimeout) {
        if (state == State.DISCONNECTED) {
            throw ApiException.notFound("Session not found");
        }
        if (lastRobotHeartbeat.plus(robotTimeout).isBefore(now)) {
            throw ApiException.notFound("Robot heartbeat is stale; the robot must reconnect (reconnect required)");
        }
        if (robotLeg == null) {
            throw ApiException.conflict("Robot session not established");
        }
    }

    private Participant current(String email) {
        if (operator != null && operator.email.equals(email)) {
            return operator;
        }
        return viewers.get(email);
    }

    private Participant participant(String email) {
        Participant p = current(email);
        if (p == null) {
            throw ApiException.forbidden("Not the operator or a viewer of this session");
        }
        return p;
    }

    private Detached remove(Participant p) {
        List<Relay.Bridge> bridges = new ArrayList<>();
        List<Relay.OperatorLeg> legs = new ArrayList<>();
        p.detachInto(bridges, legs);
        if (p == operator) {
            operator = null;
            if (state == State.ACTIVE) {
                state = State.IDLE;
            }
        } else {
            viewers.remove(p.email, p);
        }
        return new Detached(bridges, legs, null);
    }
}
