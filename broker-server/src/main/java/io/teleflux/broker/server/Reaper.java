package io.teleflux.broker.server;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Liveness: every reaper interval, disconnects sessions whose robot has been silent for longer than the robot
 * timeout (closing the relay legs and channels), evicts operators silent for longer than the operator timeout (the
 * robot's ids go null in its next ack), and forgets disconnected sessions after a retention period.
 * {@link #reapNow()} runs one pass at once, so tests drive it with an injected clock instead of waiting.
 */
final class Reaper {

    private static final Logger log = LoggerFactory.getLogger(Reaper.class);

    private final SessionRegistry sessions;
    private final Clock clock;
    private final Duration robotTimeout;
    private final Duration operatorTimeout;
    private final Duration retention;

    Reaper(SessionRegistry sessions, BrokerOptions options) {
        this.sessions = sessions;
        this.clock = options.clock();
        this.robotTimeout = options.robotHeartbeatTimeout();
        this.operatorTimeout = options.operatorHeartbeatTimeout();
        // a disconnected session stays visible to status calls for ten robot timeouts (5 minutes by default)
        this.retention = options.robotHeartbeatTimeout().multipliedBy(10);
    }

    /** Runs {@link #reapNow()} every {@code interval} on {@code scheduler}; a failing pass is logged, not fatal. */
    Disposable schedule(Duration interval, Scheduler scheduler) {
        return Flux.interval(interval, interval, scheduler)
                .onBackpressureDrop()
                .subscribe(tick -> {
                    try {
                        reapNow();
                    } catch (RuntimeException e) {
                        log.error("reaper pass failed", e);
                    }
                });
    }

    /** One pass; returns how many sessions lost their robot or operator in it. */
    int reapNow() {
        List<BrokerSession.Detached> detached = sessions.reap(clock.instant(), robotTimeout, operatorTimeout,
                retention);
        for (BrokerSession.Detached d : detached) {
            if (d.robotLeg() != null) {
                log.info("reaped a session whose robot was silent for more than {}", robotTimeout);
            } else {
                log.info("evicted {} operator(s)/viewer(s) silent for more than {}", d.legs().size(), operatorTimeout);
            }
            d.close();
        }
        return detached.size();
    }
}
