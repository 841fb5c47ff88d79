package io.teleflux.samples.go2;

import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.video.Frame;
import io.teleflux.video.Frames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One session's recording: copies of the robot's outbound messages and camera frames for a {@link Go2Recorder}.
 * Inactive (every method a pass-through) for {@link Go2Recorder#NONE}.
 */
final class Recording {

    private final Go2Recorder recorder;
    private final Tap<ControlMessage> sent;
    private final Tap<Frame> frames;

    Recording(Go2Recorder recorder) {
        this.recorder = recorder;
        boolean active = recorder != Go2Recorder.NONE;
        this.sent = active ? Tap.of(256) : null;
        this.frames = active ? new Tap<>(8, Frame::retain, Frame::release) : null;
    }

    boolean active() {
        return sent != null;
    }

    /** {@code messages}, each also offered to the recorder. */
    Flux<ControlMessage> sent(Flux<ControlMessage> messages) {
        return active() ? messages.doOnNext(sent::offer) : messages;
    }

    /** {@code camera}, each frame also offered (retained) to the recorder. */
    Flux<Frame> camera(Flux<Frame> camera) {
        return active() ? camera.doOnNext(frames::offer) : camera;
    }

    /** The recorder's run over this session's streams. */
    Mono<Void> record(Flux<TwistStamped> commands) {
        return active() ? recorder.record(commands, sent.flux(), Frames.releaseOnDiscard(frames.flux())) : Mono.empty();
    }

    /** Ends the recorder's streams. */
    void complete() {
        if (active()) {
            sent.complete();
            frames.complete();
        }
    }
}
