package io.teleflux.codecs.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** Codecs opened and closed many times free every native object, and the process does not grow. */
class NativeLeakTest {

    /**
     * Resident memory minus the JVM's non-heap pools, in KiB: the pom gives the test JVM a fixed, pre-touched heap, so
     * what changes is native allocations.
     */
    private static long nativeKiB() throws IOException {
        System.gc();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return rssKiB() - memory.getNonHeapMemoryUsage().getCommitted() / 1024;
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    private static void cycle(Frame frame) {
        try (H264Encoder encoder = H264Encoder.open(); H264Decoder decoder = H264Decoder.open();
             JpegCodec jpeg = JpegCodec.open()) {
            for (int i = 0; i < 3; i++) {
                EncodedFrame au = encoder.encode(frame);
                decoder.decode(au).ifPresent(Frame::release);
            }
            jpeg.decode(jpeg.encode(frame)).release();
        }
    }

    @Test
    void openEncodeDecodeCloseCyclesLeaveNothingBehind() throws IOException {
        Frame frame = TestFrames.synthetic(320, 240, 0);
        try {
            for (int i = 0; i < 200; i++) {
                cycle(frame); // warm-up: FFmpeg's static tables and glibc's arenas grow for ~500 cycles, then stay
            }
            long before = nativeKiB();
            for (int i = 0; i < 300; i++) {
                cycle(frame);
                assertThat(Ffmpeg.liveNativeObjects()).isZero();
            }
            long growthMiB = (nativeKiB() - before) / 1024;
            org.slf4j.LoggerFactory.getLogger(NativeLeakTest.class).info("native memory growth over 300 cycles: {} MiB",
                    growthMiB);
            // a leaked AVFrame at 320x240 is 115 KiB, an x264 context several MiB: 300 of either exceed 32 MiB
            assertThat(growthMiB).as("native memory growth over 300 cycles, MiB").isLessThan(32);
        } finally {
            frame.release();
        }
    }

    @Test
    void cancelRacingWithEncodeAndDecodeOnOtherThreadsNeverCrashes() {
        for (int i = 0; i < 40; i++) {
            Flux<Frame> frames = Flux.range(0, 1000).map(n -> TestFrames.synthetic(160, 120, n))
                    .subscribeOn(reactor.core.scheduler.Schedulers.parallel());
            Flux<Frame> pictures = H264.decode(H264.encode(frames, H264EncoderOptions.defaults())
                    .publishOn(reactor.core.scheduler.Schedulers.boundedElastic()));
            StepVerifier.create(pictures.doOnNext(Frame::release))
                    .expectNextCount(1 + i % 7)
                    .thenCancel() // lands while the other threads are inside x264 or FFmpeg
                    .verify(Duration.ofSeconds(10));
        }
        // cancel closes the codecs synchronously, and close() waits for a running encode/decode: all freed now
        assertThat(Ffmpeg.liveNativeObjects()).isZero();
    }

    @Test
    void cancelledPipelinesFreeTheirCodecs() {
        for (int i = 0; i < 50; i++) {
            Flux<Frame> frames = Flux.range(0, 100).map(n -> TestFrames.synthetic(160, 120, n));
            Flux<Frame> pictures = H264.decode(H264.encode(frames, H264EncoderOptions.defaults()));
            StepVerifier.create(pictures.doOnNext(Frame::release))
                    .expectNextCount(3)
                    .thenCancel()
                    .verify(Duration.ofSeconds(10));
        }
        assertThat(Ffmpeg.liveNativeObjects()).isZero();
    }
}
