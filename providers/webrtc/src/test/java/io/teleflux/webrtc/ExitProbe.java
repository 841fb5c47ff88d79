package io.teleflux.webrtc;

import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
                Teleflux.robot(WebRtcConfig.of(signaling.robot())).channels(List.of(Channels.STATE_RELIABLE))
                        .connect(),
                Teleflux.operator(WebRtcConfig.of(signaling.operator())).channels(List.of(Channels.STATE_RELIABLE))
                        .connect()).block(timeout);
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        try {
            // subscribe first (toFuture subscribes at once), then make the far end send
            CompletableFuture<byte[]> got = robot.receive(Channels.STATE_RELIABLE).next().toFuture();
            operator.send(Channels.STATE_RELIABLE, Flux.just(new byte[] {42})).block(timeout);
            System.out.println("exit-probe: exchanged " + got.get(timeout.toSeconds(), TimeUnit.SECONDS)[0]);
        } catch (Exception e) {
            System.out.println("exit-probe: failed: " + e);
        } finally {
            robot.disposeNow(timeout);
            operator.disposeNow(timeout);
        }
    }
}
