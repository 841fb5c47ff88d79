package io.teleflux.samples.go2;

import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Scheduler;

/**
 * Robot time: Unix time, as operators stamp their commands, advancing with a Reactor scheduler. Reactor's
 * {@link Scheduler#now} is a monotonic clock, not the wall clock, so the wall-clock offset is taken once, when the
 * robot is created; under a virtual-time scheduler robot time then starts at the wall clock and moves only when the
 * test advances it.
 */
final class RobotClock {

    private final Scheduler scheduler;
    private final long offsetMicros;

    RobotClock(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.offsetMicros = System.currentTimeMillis() * 1000 - scheduler.now(TimeUnit.MICROSECONDS);
    }

    /** The scheduler timers run on. */
    Scheduler scheduler() {
        return scheduler;
    }

    /** Unix seconds. */
    double seconds() {
        return micros() / 1e6;
    }

    /** Unix milliseconds. */
    long millis() {
        return micros() / 1000;
    }

    private long micros() {
        return scheduler.now(TimeUnit.MICROSECONDS) + offsetMicros;
    }
}
