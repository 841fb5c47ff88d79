package io.teleflux.samples.go2;

import io.teleflux.codecs.json.ControlMessage;
import io.teleflux.codecs.json.ControlMessages;
import io.teleflux.codecs.lcm.TwistStamped;
import io.teleflux.store.Store;
import io.teleflux.store.StreamType;
import io.teleflux.video.Frame;
import java.nio.file.Path;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Records a Go2 run into one store file (see the {@code store} module): stream {@code commands} (every TwistStamped
 * received, LCM), {@code sent} (every control message the robot sent, JSON) and {@code camera} (H.264, IDR every 30
 * frames). The store is opened when recording starts and closed when it ends. Inspect the file with
 * {@code ./teleflux store summary FILE}; export the camera with {@code ./teleflux store export FILE camera out.mp4}.
 */
final class StoreRecorder implements Go2Recorder {

    private final Path file;

    StoreRecorder(Path file) {
        this.file = file;
    }

    @Override
    public Mono<Void> record(Flux<TwistStamped> commands, Flux<ControlMessage> sent, Flux<Frame> camera) {
        // opening the store touches the disk: not on the robot's timer threads
        return Mono.fromCallable(() -> Store.open(file)).subscribeOn(Schedulers.boundedElastic())
                .flatMap(store -> Mono.when(
                                store.stream("commands", StreamType.messages(TwistStamped.TYPE)).record(commands),
                                store.stream("sent", StreamType.messages(ControlMessages.TYPE)).record(sent),
                                store.stream("camera", StreamType.h264()).record(camera))
                        .doFinally(signal -> store.close()));
    }

    @Override
    public String toString() {
        return "StoreRecorder[" + file + "]";
    }
}
