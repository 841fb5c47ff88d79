package io.teleflux.samples.go2;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.video.Frame;
import io.teleflux.video.LatencyStamp;
import io.teleflux.video.PixelFormat;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class CameraTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static byte[] bytes(Frame frame) {
        byte[] copy = new byte[frame.info().bufferSize()];
        frame.data().get(copy);
        return copy;
    }

    private static byte[] renderAt(Camera camera, WorldRenderer renderer) {
        try (Frame f = camera.render(renderer)) {
            return bytes(f);
        }
    }

    private static int differing(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return n;
    }

    @Test
    void theViewChangesWhenTheRobotMovesAndOnlyThen() {
        AtomicReference<Pose> pose = new AtomicReference<>(Pose.ORIGIN);
        Go2Options options = Go2Options.defaults();
        Camera camera = new Camera(options, t -> pose.get(), new RobotClock(Schedulers.parallel()));
        WorldRenderer renderer = new WorldRenderer(options.width(), options.height());

        byte[] still = renderAt(camera, renderer);
        assertThat(renderAt(camera, renderer)).isEqualTo(still);               // same pose, same picture
        pose.set(new Pose(0.5, 0, 0));
        byte[] ahead = renderAt(camera, renderer);
        pose.set(new Pose(0.5, 0, 0.3));
        byte[] turned = renderAt(camera, renderer);
        int pixels = options.width() * options.height();
        assertThat(differing(still, ahead)).isGreaterThan(pixels / 20);
        assertThat(differing(ahead, turned)).isGreaterThan(pixels / 20);
    }

    @Test
    void framesAreI420At30FpsAndTheirBuffersGoBackToThePool() {
        Go2Options options = Go2Options.defaults();
        AtomicReference<Camera> camera = new AtomicReference<>();
        StepVerifier.withVirtualTime(() -> {
                    camera.set(new Camera(options, t -> Pose.ORIGIN, new RobotClock(Schedulers.parallel())));
                    return camera.get().frames().take(Duration.ofSeconds(1)).doOnNext(Frame::release);
                })
                .thenAwait(Duration.ofSeconds(1))
                .expectNextMatches(f -> f.format() == PixelFormat.I420 && f.width() == 640 && f.height() == 480
                        && f.id() == 0)
                .expectNextCount(29)                                     // a tick every 33.3 ms: 30 within the second
                .expectComplete().verify(TIMEOUT);
        assertThat(camera.get().pooled()).isEqualTo(1);                  // one buffer, reused for every frame
    }

    @Test
    void theLatencyStampNeedsAFrameAtLeast416Wide() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Go2Options.defaults().withCameraFormat(320, 240, 30).withLatencyStamp(true))
                .hasMessageContaining("416").hasMessageContaining("320");
    }

    @Test
    void latencyStampCarriesTheCaptureTime() {
        Go2Options options = Go2Options.defaults().withLatencyStamp(true);
        long start = System.currentTimeMillis();
        StepVerifier.withVirtualTime(
                        () -> new Camera(options, t -> Pose.ORIGIN, new RobotClock(Schedulers.parallel())).frames())
                .thenAwait(Duration.ofMillis(40))
                .assertNext(f -> {
                    assertThat(f.height()).isEqualTo(480 + LatencyStamp.STRIP_ROWS);
                    assertThat(LatencyStamp.read(f)).hasValue(f.timestamp().toEpochMilli() % LatencyStamp.MODULUS);
                    assertThat(f.timestamp().toEpochMilli()).isBetween(start + 33, System.currentTimeMillis() + 40);
                    f.release();
                })
                .thenCancel()
                .verify(TIMEOUT);
    }
}
