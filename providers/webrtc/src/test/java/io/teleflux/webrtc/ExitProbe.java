package io.teleflux.webrtc;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.PixelFormat;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/**
 * A program that uses WebRTC the way an application does and then just returns from {@code main}: run in a child
 * JVM by {@link JvmExitTest}, which checks that the JVM exits by itself.
 */
public final class ExitProbe {

    private ExitProbe() {
    }

    public static void main(String[] args) {
        InProcessSignaling signaling = Signaling.inProcess("exit-probe");
        Duration timeout = Duration.ofSeconds(15);
        Tuple2<Session, Session> pair = Mono.zip(
                Teleflux.robot(WebRtcConfig.of(signaling.robot()).withVideo(VideoOptions.defaults())).channels(List.of(Channels.STATE_RELIABLE))
                        .connect(),
                Teleflux.operator(WebRtcConfig.of(signaling.operator()).withVideo(VideoOptions.defaults()))
                        .channels(List.of(Channels.STATE_RELIABLE))
                        .connect()).block(timeout);
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        try {
            // subscribe first (toFuture subscribes at once), then make the far end send
            CompletableFuture<byte[]> got = robot.receive(Channels.STATE_RELIABLE).next().toFuture();
            operator.send(Channels.STATE_RELIABLE, Flux.just(new byte[] {42})).block(timeout);
            System.out.println("exit-probe: exchanged " + got.get(timeout.toSeconds(), TimeUnit.SECONDS)[0]);
            // and a video track, so that exiting covers its source, track, sink and threads
            CompletableFuture<Frame> frame = operator.receiveVideo().next().toFuture();
            Disposable camera = robot.sendVideo(Flux.interval(Duration.ofMillis(33)).onBackpressureDrop()
                    .map(i -> Frame.wrap(FrameInfo.of(PixelFormat.GRAY8, 64, 48), ByteBuffer.allocate(64 * 48))))
                    .subscribe();
            try (Frame f = frame.get(timeout.toSeconds(), TimeUnit.SECONDS)) {
                System.out.println("exit-probe: video " + f.width() + "x" + f.height());
            } finally {
                camera.dispose();
            }
        } catch (Exception e) {
            System.out.println("exit-probe: failed: " + e);
        } finally {
            robot.disposeNow(timeout);
            operator.disposeNow(timeout);
        }
    }
}
