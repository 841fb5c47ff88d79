package io.teleflux.broker;

import io.teleflux.Session;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Flux;

/** Broker-specific views of a connected robot {@link Session}. */
public final class BrokerSessions {

    private BrokerSessions() {
    }

    /** The broker's id of {@code robot}'s session, empty if it is not a connected broker robot session. */
    public static Optional<String> sessionId(Session robot) {
        Objects.requireNonNull(robot, "robot");
        RobotEndpoint e = RobotEndpoint.of(robot);
        return e == null ? Optional.empty() : Optional.ofNullable(e.provider().sessionId());
    }

    /**
     * Whether an operator is bridged to {@code robot}: true once every bridged channel is open on the robot (so
     * payloads flow both ways), false when none or only some are. Replays the current value, then changes; completes
     * when the broker session closes. Errors with {@link IllegalArgumentException} if {@code robot} is not a connected
     * broker robot session.
     */
    public static Flux<Boolean> operatorPresence(Session robot) {
        Objects.requireNonNull(robot, "robot");
        return Flux.defer(() -> {
            RobotEndpoint e = RobotEndpoint.of(robot);
            if (e == null) {
                return Flux.error(new IllegalArgumentException("not a connected broker robot session: " + robot));
            }
            Set<String> all = BrokerProvider.WIRE.keySet();
            return e.provider().openChannels().map(open -> open.containsAll(all)).distinctUntilChanged()
                    .takeUntilOther(robot.onClose());
        });
    }
}
