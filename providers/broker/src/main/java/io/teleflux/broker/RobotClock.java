package io.teleflux.broker;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.Header;
import io.teleflux.codecs.lcm.StdTime;
import io.teleflux.codecs.lcm.Twist;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.codecs.lcm.Vector3;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The robot's clock as seen from an operator session, synchronised with ping/pong the way the hosted-teleop browser
 * client does it: a burst of 5 pings 400 ms apart, then one every 30 s, on {@code state_reliable}; the robot answers
 * each with a pong on {@code state_reliable_back}. The offset comes from the minimum-RTT sample
 * ({@code offset = ((robot_ts - client_ts) + (robot_ts - recv)) / 2}, RTT accepted up to 5 s, the kept minimum ageing
 * by 1 ms per second).
 *
 * <p>A robot drops drive commands stamped more than 0.5 s away from its own clock, so stamp them with
 * {@link #twist(int, String, Vector3, Vector3)} or {@link #stamp(TwistStamped)}. Works over any provider whose robot
 * answers pings (the broker robot does so by itself). Thread-safe. Dispose it to stop pinging; it stops by itself when
 * the session closes.
 */
public final class RobotClock implements Disposable {

    private static final Logger log = LoggerFactory.getLogger(RobotClock.class);

    /** Pings in the initial burst. */
    public static final int BURST = 5;
    /** Spacing of the initial burst. */
    public static final Duration BURST_INTERVAL = Duration.ofMillis(400);
    /** Spacing of the pings after the burst. */
    public static final Duration PERIOD = Duration.ofSeconds(30);

    private final ClockSyncEstimator estimator = new ClockSyncEstimator();
    private final Sinks.One<RobotClock> firstSample = Sinks.one();
    private final Disposable.Composite running = Disposables.composite();

    private RobotClock() {
    }

    /** Starts synchronising over {@code operator}: subscribes to its pongs, then sends pings. */
    public static RobotClock sync(Session operator) {
        Objects.requireNonNull(operator, "operator");
        RobotClock clock = new RobotClock();
        clock.running.add(operator.receive(Channels.STATE_RELIABLE_BACK, ControlMessages.of(ControlMessage.Pong.class))
                .subscribe(clock::onPong, e -> log.debug("robot clock: pong stream ended: {}", e.toString())));
        Flux<ControlMessage> pings = Flux.concat(
                        Flux.interval(Duration.ZERO, BURST_INTERVAL).take(BURST),
                        Flux.interval(PERIOD, PERIOD))
                .onBackpressureDrop()
                .map(tick -> new ControlMessage.Ping(localNow()));
        clock.running.add(operator.send(Channels.STATE_RELIABLE, ControlMessages.TYPE, pings)
                .subscribe(null, e -> log.debug("robot clock: pings ended: {}", e.toString())));
        return clock;
    }

    private void onPong(ControlMessage.Pong pong) {
        double recv = localNow();
        synchronized (estimator) {
            if (estimator.onPong(pong.clientTs(), pong.robotTs(), recv)) {
                log.debug("robot clock: offset {} ms, rtt {} ms", Math.round(estimator.offset() * 1000),
                        Math.round(estimator.rtt() * 1000));
            }
        }
        if (isSynced()) {
            firstSample.tryEmitValue(this);
        }
    }

    /** Emits this clock once the first usable pong arrived; never completes empty (add your own timeout). */
    public Mono<RobotClock> synced() {
        return firstSample.asMono();
    }

    /** Whether at least one pong was usable. */
    public boolean isSynced() {
        synchronized (estimator) {
            return estimator.synced();
        }
    }

    /** Robot clock minus this machine's clock, in seconds; 0 before the first sample. */
    public double offsetSeconds() {
        synchronized (estimator) {
            return estimator.offset();
        }
    }

    /** The round-trip time of the sample the offset comes from, in seconds; NaN before the first sample. */
    public double rttSeconds() {
        synchronized (estimator) {
            return estimator.rtt();
        }
    }

    /** The robot's clock now, Unix seconds (this machine's clock until the first sample). */
    public double nowSeconds() {
        return localNow() + offsetSeconds();
    }

    /** A drive command stamped with the robot's clock now. */
    public TwistStamped twist(int seq, String frameId, Vector3 linear, Vector3 angular) {
        return new TwistStamped(new Header(seq & 0x7fffffff, StdTime.ofSeconds(nowSeconds()), frameId),
                new Twist(linear, angular));
    }

    /** {@code twist} with its header stamp replaced by the robot's clock now; sequence and frame are kept. */
    public TwistStamped stamp(TwistStamped twist) {
        Header h = twist.header();
        return new TwistStamped(new Header(h.seq(), StdTime.ofSeconds(nowSeconds()), h.frameId()), twist.twist());
    }

    /** Stops pinging. */
    @Override
    public void dispose() {
        running.dispose();
    }

    @Override
    public boolean isDisposed() {
        return running.isDisposed();
    }

    static double localNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }

    @Override
    public String toString() {
        return isSynced() ? String.format("RobotClock[offset %.1f ms, rtt %.1f ms]", offsetSeconds() * 1000,
                rttSeconds() * 1000) : "RobotClock[not synced]";
    }
}
