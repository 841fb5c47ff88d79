package io.teleflux.codecs.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class H264OperatorsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void encodeReleasesEveryFrameAndClosesTheEncoderOnComplete() {
        List<Frame> made = new CopyOnWriteArrayList<>();
        Flux<Frame> frames = Flux.range(0, 40).map(i -> {
            Frame f = TestFrames.synthetic(160, 120, i);
            made.add(f);
            return f;
        });
        StepVerifier.create(H264.encode(frames, H264EncoderOptions.defaults()).map(EncodedFrame::keyframe))
                .expectNext(true)
                .expectNextCount(29)
                .expectNext(true)
                .expectNextCount(9)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(made).hasSize(40).allSatisfy(f -> assertThat(f.refCount()).isZero());
        assertThat(Ffmpeg.liveNativeObjects()).isZero();
    }

    @Test
    void cancelClosesTheEncoderAndReleasesFrames() {
        List<Frame> made = new CopyOnWriteArrayList<>();
        Flux<Frame> frames = Flux.range(0, 1000).map(i -> {
            Frame f = TestFrames.synthetic(160, 120, i);
            made.add(f);
            return f;
        });
        StepVerifier.create(H264.encode(frames, H264EncoderOptions.defaults()), 0)
                .thenRequest(5)
                .expectNextCount(5)
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(made).allSatisfy(f -> assertThat(f.refCount()).isZero());
        assertThat(Ffmpeg.liveNativeObjects()).isZero();
    }

    @Test
    void errorUpstreamClosesTheEncoder() {
        Flux<Frame> frames = Flux.concat(Flux.range(0, 3).map(i -> TestFrames.synthetic(64, 64, i)),
                Flux.error(new IllegalStateException("camera gone")));
        StepVerifier.create(H264.encode(frames, H264EncoderOptions.defaults()))
                .expectNextCount(3)
                .expectErrorMessage("camera gone")
                .verify(TIMEOUT);
        assertThat(Ffmpeg.liveNativeObjects()).isZero();
    }

    @Test
    void keyframeRequestsMakeTheNextAccessUnitAnIdr() {
        Sinks.Many<Object> requests = Sinks.many().multicast().directBestEffort();
        Flux<Frame> frames = Flux.range(0, 12).map(i -> {
            if (i == 7) {
                requests.tryEmitNext(i);
            }
            return TestFrames.synthetic(96, 64, i);
        });
        StepVerifier.create(H264.encode(frames, H264EncoderOptions.defaults(), requests.asFlux())
                        .filter(EncodedFrame::keyframe).map(EncodedFrame::seq))
                .expectNext(0L, 7L)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(requests.currentSubscriberCount()).as("request source cancelled with the frames").isZero();
    }

    @Test
    void decoderRequestsReachTheEncoderInAClosedLoop() {
        Sinks.Many<Object> requests = Sinks.many().multicast().directBestEffort();
        List<EncodedFrame> aus = TestStreams.small();
        H264DecodeOptions options = H264DecodeOptions.defaults()
                .withKeyframeRequests(() -> requests.tryEmitNext("pli"));
        List<Object> seen = new CopyOnWriteArrayList<>();
        requests.asFlux().subscribe(seen::add);
        StepVerifier.create(H264.decode(Flux.fromIterable(aus.subList(3, 10)), options).doOnNext(Frame::release))
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(seen).containsExactly("pli");
    }

    @Test
    void encodeThenDecodeEmitsEveryPicture() {
        Flux<Frame> frames = Flux.range(0, 35).map(i -> TestFrames.synthetic(160, 120, i));
        H264DecodeOptions options = H264DecodeOptions.defaults();
        StepVerifier.create(H264.decode(H264.encode(frames, H264EncoderOptions.defaults()), options)
                        .map(f -> {
                            f.release();
                            return f.id();
                        }))
                .expectNextSequence(List.of(0L, 1L, 2L))
                .expectNextCount(32)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(options.stats().decoded()).isEqualTo(35);
        assertThat(Ffmpeg.liveNativeObjects()).isZero();
    }

    @Test
    void overflowSkipsToTheNextKeyframe() {
        DecodeStats stats = new DecodeStats();
        List<EncodedFrame> aus = TestStreams.small().subList(0, 65);
        Sinks.Many<EncodedFrame> live = Sinks.many().unicast().onBackpressureBuffer();
        StepVerifier.create(H264.skipToKeyframeOnOverflow(live.asFlux(), 10, stats).map(EncodedFrame::seq), 0)
                .expectSubscription()
                .then(() -> {
                    aus.forEach(live::tryEmitNext);
                    live.tryEmitComplete();
                })
                .thenRequest(100)
                .expectNext(60L, 61L, 62L, 63L, 64L)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(stats.droppedBackpressure()).isEqualTo(60);
    }

    @Test
    void slowConsumerOfTheDecoderSeesOnlyCompleteGops() {
        H264DecodeOptions options = H264DecodeOptions.defaults().withBuffer(10);
        Sinks.Many<EncodedFrame> live = Sinks.many().unicast().onBackpressureBuffer();
        StepVerifier.create(H264.decode(live.asFlux(), options)
                        .map(f -> {
                            f.release();
                            return f.id();
                        }), 0)
                .expectSubscription()
                .then(() -> {
                    TestStreams.small().subList(0, 65).forEach(live::tryEmitNext);
                    live.tryEmitComplete();
                })
                .thenRequest(1)
                .expectNext(60L)
                .thenRequest(10)
                .expectNext(61L, 62L, 63L, 64L)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(options.stats().droppedBackpressure()).isEqualTo(60);
        assertThat(options.stats().droppedWaitingForKeyframe()).isZero();
    }

    @Test
    void keyframeCacheLetsALateSubscriberStartAtOnce() {
        Sinks.Many<EncodedFrame> live = Sinks.many().multicast().directBestEffort();
        Flux<EncodedFrame> cached = H264.keyframeCache(live.asFlux());
        List<EncodedFrame> aus = TestStreams.small();
        List<Long> early = new CopyOnWriteArrayList<>();
        var first = cached.map(EncodedFrame::seq).subscribe(early::add);
        for (int i = 0; i < 45; i++) {
            live.tryEmitNext(aus.get(i));
        }
        List<Long> late = new CopyOnWriteArrayList<>();
        var second = H264.decode(cached).map(f -> {
            f.release();
            return f.id();
        }).subscribe(late::add);
        assertThat(late).as("the cached GOP decodes at once").hasSize(15).startsWith(30L);
        for (int i = 45; i < 50; i++) {
            live.tryEmitNext(aus.get(i));
        }
        assertThat(late).hasSize(20).endsWith(49L);
        assertThat(early).hasSize(50);
        first.dispose();
        second.dispose();
        assertThat(live.currentSubscriberCount()).as("the last subscriber leaving cancels the source").isZero();
        assertThat(Ffmpeg.liveNativeObjects()).isZero();
    }

    @Test
    void withoutTheCacheALateSubscriberWaitsForTheNextKeyframe() {
        Sinks.Many<EncodedFrame> live = Sinks.many().multicast().directBestEffort();
        List<EncodedFrame> aus = TestStreams.small();
        for (int i = 0; i < 45; i++) {
            live.tryEmitNext(aus.get(i));
        }
        H264DecodeOptions options = H264DecodeOptions.defaults();
        StepVerifier.create(H264.decode(live.asFlux(), options).map(f -> {
                    f.release();
                    return f.id();
                }))
                .then(() -> aus.subList(45, 61).forEach(live::tryEmitNext))
                .expectNext(60L)
                .then(live::tryEmitComplete)
                .expectComplete()
                .verify(TIMEOUT);
        assertThat(options.stats().droppedWaitingForKeyframe()).isEqualTo(15);
    }

    @Test
    void keyframeCacheForwardsTerminationAndReconnects() {
        List<EncodedFrame> aus = TestStreams.small().subList(0, 40);
        Flux<EncodedFrame> cached = H264.keyframeCache(Flux.fromIterable(aus));
        StepVerifier.create(cached).expectNextCount(40).expectComplete().verify(TIMEOUT);
        StepVerifier.create(cached).expectNextCount(40).expectComplete().verify(TIMEOUT);
    }
}
