package io.teleflux.broker.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions, in memory, and the owner-scoped ways to reach them: a session of another tenant is answered exactly
 * like a missing one (404).
 */
final class SessionRegistry {

    /** A registration and what the robot's earlier sessions left behind (they are now disconnected). */
    record Registered(BrokerSession session, List<BrokerSession.Detached> replaced) {
    }

    private final Map<String, BrokerSession> sessions = new ConcurrentHashMap<>();

    /**
     * Registers a robot's new session; the robot's earlier sessions (same owner and robot id) become
     * {@code disconnected}.
     */
    synchronized Registered register(Identity.Robot robot, String robotName, String robotType, Relay.RobotLeg leg,
            Instant now) {
        List<BrokerSession.Detached> replaced = new ArrayList<>();
        for (BrokerSession s : sessions.values()) {
            if (s.owner().equals(robot.owner()) && s.robotId().equals(robot.robotId())
                    && s.state() != BrokerSession.State.DISCONNECTED) {
                replaced.add(s.disconnect(now));
            }
        }
        BrokerSession session = new BrokerSession(UUID.randomUUID().toString(), robot, robotName, robotType, leg, now);
        sessions.put(session.id(), session);
        return new Registered(session, replaced);
    }

    /** The session {@code id} of this robot, or 404. */
    BrokerSession ofRobot(String id, Identity.Robot robot) {
        BrokerSession s = sessions.get(id);
        if (s == null || !s.owner().equals(robot.owner()) || !s.robotId().equals(robot.robotId())) {
            throw ApiException.notFound("Session not found");
        }
        return s;
    }

    /** The session {@code id} if this operator may see it, or 404. */
    BrokerSession ofOperator(String id, Identity.Operator operator) {
        BrokerSession s = sessions.get(id);
        if (s == null || !operator.mayAccess(s.owner())) {
            throw ApiException.notFound("Session not found");
        }
        return s;
    }

    /** The {@code idle}/{@code active} sessions this operator may see whose robot heartbeat is fresh, oldest first. */
    List<BrokerSession.Snapshot> listFor(Identity.Operator operator, Instant now, Duration robotTimeout) {
        List<BrokerSession.Snapshot> list = new ArrayList<>();
        for (BrokerSession s : sessions.values()) {
            if (operator.mayAccess(s.owner()) && s.robotFresh(now, robotTimeout)) {
                list.add(s.snapshot());
            }
        }
        list.sort(Comparator.comparing(BrokerSession.Snapshot::createdAt).thenComparing(BrokerSession.Snapshot::id));
        return list;
    }

    /**
     * One reaper pass: disconnects robots silent for longer than {@code robotTimeout}, evicts operators and viewers
     * silent for longer than {@code operatorTimeout}, forgets sessions disconnected for longer than {@code retention}.
     */
    List<BrokerSession.Detached> reap(Instant now, Duration robotTimeout, Duration operatorTimeout,
            Duration retention) {
        List<BrokerSession.Detached> detached = new ArrayList<>();
        for (BrokerSession s : sessions.values()) {
            BrokerSession.Detached robot = s.reapSilentRobot(now, robotTimeout);
            if (!robot.isEmpty()) {
                detached.add(robot);
            }
            BrokerSession.Detached operator = s.evictSilent(now, operatorTimeout);
            if (!operator.isEmpty()) {
                detached.add(operator);
            }
            if (s.expired(now, retention)) {
                sessions.remove(s.id(), s);
            }
        }
        return detached;
    }

    /** Disconnects every session (server stop). */
    synchronized List<BrokerSession.Detached> disconnectAll(Instant now) {
        List<BrokerSession.Detached> detached = new ArrayList<>();
        for (BrokerSession s : sessions.values()) {
            detached.add(s.disconnect(now));
        }
        return detached;
    }

    int size() {
        return sessions.size();
    }
}
