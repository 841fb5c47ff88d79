package io.teleflux.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class FramesReleaseOnDiscardTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final AtomicInteger released = new AtomicInteger();
    private final List<Frame> created = new ArrayList<>();

    private Flux<Frame> camera(int frames) {
        return Flux.range(0, frames).map(i -> {
            Frame frame = Frame.wrap(FrameInfo.of(PixelFormat.GRAY8, 1, 1).withId(i), ByteBuffer.allocate(1),
                    buffer -> released.incrementAndGet());
            created.add(frame);
            return frame;
        });
    }

    @Test
    void framesOverwrittenByOnBackpressureLatestAreReleased() {
        StepVerifier.create(Frames.releaseOnDiscard(camera(10).onBackpressureLatest()), 0)
                .expectSubscription()
                .then(() -> assertThat(released).hasValue(9))
                .thenRequest(1)
                .consumeNextWith(frame -> {
                    assertThat(frame.id()).isEqualTo(9);
                    assertThat(frame.refCount()).isEqualTo(1);
                    frame.release();
                })
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(released).hasValue(10);
        assertThat(created).allSatisfy(frame -> assertThat(frame.refCount()).isZero());
    }

    @Test
    void framesRejectedByFilterAreReleasedAndDeliveredOnesAreLeftToTheSubscriber() {
        StepVerifier.create(Frames.releaseOnDiscard(camera(6).filter(frame -> frame.id() % 3 == 0)))
                .assertNext(frame -> assertThat(frame.id()).isZero())
                .assertNext(frame -> assertThat(frame.id()).isEqualTo(3))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(released).hasValue(4);
        assertThat(created.get(0).refCount()).isEqualTo(1);
        assertThat(created.get(3).refCount()).isEqualTo(1);
        created.get(0).release();
        created.get(3).release();
        assertThat(released).hasValue(6);
    }

    @Test
    void theFrameHeldWhenTheSubscriberCancelsIsReleased() {
        StepVerifier.create(Frames.releaseOnDiscard(camera(3).concatWith(Flux.never()).onBackpressureLatest()), 0)
                .expectSubscription()
                .then(() -> assertThat(released).as("frames 0 and 1 overwritten, 2 held").hasValue(2))
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(released).hasValue(3);
    }

    @Test
    void withoutTheHelperDroppedFramesLeak() {
        StepVerifier.create(camera(5).onBackpressureLatest(), 0)
                .expectSubscription()
                .then(() -> assertThat(created).hasSize(5))
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(released).hasValue(0);
        assertThat(created).allSatisfy(frame -> assertThat(frame.refCount()).isEqualTo(1));
    }

    @Test
    void nestedHooksReleaseEachDiscardedFrameOnce() {
        // the user's hook upstream and a transport's hook downstream (as in Session.sendVideo): Reactor would call both
        Flux<Frame> userSide = Frames.releaseOnDiscard(camera(6).filter(frame -> frame.id() % 2 == 0));
        StepVerifier.create(Frames.releaseOnDiscard(userSide.doOnNext(Frame::release).then()))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(released).hasValue(6);
        assertThat(created).allSatisfy(frame -> assertThat(frame.refCount()).isZero());
    }
}
