package io.teleflux.samples.go2;

import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.video.Frame;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A hook that records what the robot sees and does during one session, for example into the SQLite store. The robot
 * subscribes to the returned {@code Mono} alongside its own pipelines; a recorder error ends the robot's run.
 */
@FunctionalInterface
public interface Go2Recorder {

    /** Records nothing. */
    Go2Recorder NONE = (commands, sent, camera) -> Mono.empty();

    /**
     * @param commands every {@code TwistStamped} the robot receives, before the guard (hot; its own bounded queue,
     *                 latest wins)
     * @param sent     every control message the robot sends: acks, pongs, telemetry, odometry. Unicast: subscribe
     *                 once; a bounded queue of 256, newer messages dropped while it is full
     * @param camera   every camera frame, retained for the recorder: <b>release each one</b>. Unicast: subscribe once;
     *                 a bounded queue of 8, newer frames dropped (and released) while it is full; frames left queued
     *                 at cancellation are released
     * @return completes when recording is done (at the latest when the streams complete, at the end of the session)
     */
    Mono<Void> record(Flux<TwistStamped> commands, Flux<ControlMessage> sent, Flux<Frame> camera);
}
