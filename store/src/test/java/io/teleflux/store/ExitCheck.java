package io.teleflux.store;

import io.teleflux.video.Frame;
import java.nio.file.Path;
import java.time.Duration;
import reactor.core.publisher.Flux;

/**
 * The child JVM of {@link LifecycleTest#theJvmExitsOnceTheStoreIsClosed()}: uses the store's writer thread, readers,
 * an H.264 encoder and decoders, closes the store and returns from {@code main} without {@code System.exit}.
 */
public final class ExitCheck {

    private ExitCheck() {
    }

    public static void main(String[] args) {
        try (Store store = Store.open(Path.of(args[0]))) {
            StoreStream<Frame> cam = store.stream("cam", StreamType.h264());
            cam.record(Flux.fromIterable(TestFrames.frames(40, RoundTripTest.T0, 33))).block(Duration.ofSeconds(30));
            cam.read().doOnNext(s -> s.value().release()).blockLast(Duration.ofSeconds(30));
            cam.at(35).doOnNext(s -> s.value().release()).block(Duration.ofSeconds(30));
            cam.replay(ReplayOptions.DEFAULTS.withSpeed(100)).doOnNext(s -> s.value().release())
                    .blockLast(Duration.ofSeconds(30));
        }
        System.out.println("done");
    }
}
