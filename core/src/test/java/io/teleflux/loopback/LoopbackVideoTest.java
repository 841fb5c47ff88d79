package io.teleflux.loopback;


import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.PixelFormat;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/**
 * Video over the loopback provider (core {@code io.teleflux.loopback}; kept here until core's tests take it): frames
 * pass through with a reference per receiver, and nothing leaks without receivers.
 */
class LoopbackVideoTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final List<Frame> made = new ArrayList<>();

    private Frame frame(long id) {
        Frame f = Frame.wrap(FrameInfo.of(PixelFormat.GRAY8, 4, 2).withId(id), ByteBuffer.wrap(new byte[8]));
        made.add(f);
        return f;
    }

    private static Tuple2<Session, Session> connect(String name) {
        LoopbackConfig config = LoopbackConfig.named(name);
        return Mono.zip(Teleflux.robot(config).channels(Channels.STANDARD).connect(),
                Teleflux.operator(config).channels(Channels.STANDARD).connect()).block(TIMEOUT);
    }

    @Test
    void framesPassThroughToEveryReceiverEachWithItsOwnReference() {
        Tuple2<Session, Session> pair = connect("video-pass");
        List<Frame> second = new ArrayList<>();
        pair.getT2().receiveVideo().subscribe(second::add);
        StepVerifier.create(pair.getT2().receiveVideo().take(3).map(f -> {
                    long id = f.id();
                    f.release();
                    return id;
                }))
                .then(() -> pair.getT1().sendVideo(Flux.range(0, 3).map(this::frame)).subscribe())
                .expectNext(0L, 1L, 2L)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(second).extracting(Frame::id).containsExactly(0L, 1L, 2L);
        assertThat(made).allMatch(f -> f.refCount() == 1, "held by the second receiver only");
        second.forEach(Frame::release);
        Flux.just(pair.getT1(), pair.getT2()).flatMap(Session::disposeLater).blockLast(TIMEOUT);
    }

    @Test
    void withoutReceiverEveryFrameIsReleased() {
        Tuple2<Session, Session> pair = connect("video-none");
        StepVerifier.create(pair.getT1().sendVideo(Flux.range(0, 5).map(this::frame)))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(made).hasSize(5).allMatch(f -> f.refCount() == 0);
        Flux.just(pair.getT1(), pair.getT2()).flatMap(Session::disposeLater).blockLast(TIMEOUT);
        StepVerifier.create(pair.getT2().receiveVideo()).expectComplete().verify(TIMEOUT);
    }
}
