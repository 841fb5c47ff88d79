package io.teleflux.webrtc;

import static io.teleflux.webrtc.TestLinks.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import io.teleflux.Channels;
import io.teleflux.Session;
import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.PixelFormat;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/**
 * Keyframe requests from the far end are honoured: incompressible video plus a data flood on the same (bundled)
 * transport overflow the receiver's UDP buffer, the receiving libwebrtc loses packets it cannot recover and sends PLI,
 * and the sending encoder answers with new keyframes. teleflux has no code of its own for this (libwebrtc's encoder
 * handles PLI/FIR); the test proves the wiring lets it. (The machines have no netem or iptables to drop packets.)
 */
@ExtendWith(NetworkNamespace.class)
class KeyframeRequestTest {

    private static final Logger log = LoggerFactory.getLogger(KeyframeRequestTest.class);

    private static Map<String, Object> outbound(Session robot) {
        RTCStatsReport report = WebRtcEndpoint.of(robot).rawStats().block(TIMEOUT);
        assertThat(report).isNotNull();
        return report.getStats().values().stream().filter(s -> s.getType() == RTCStatsType.OUTBOUND_RTP)
                .map(RTCStats::getAttributes).findFirst().orElse(Map.of());
    }

    /** Polls {@code condition} (which reads stats, blocking) every 100 ms until true; fails after {@code timeout}. */
    private static void awaitStats(String what, BooleanSupplier condition, Duration timeout) {
        Boolean met = Flux.interval(Duration.ZERO, Duration.ofMillis(100), Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromCallable(condition::getAsBoolean), 1)
                .filter(Boolean::booleanValue)
                .blockFirst(timeout);
        assertThat(met).as(what).isTrue();
    }

    private static long count(Map<String, Object> stats, String key) {
        return stats.get(key) instanceof Number n ? n.longValue() : 0;
    }

    @Test
    void packetLossMakesTheReceiverAskForKeyframesAndTheSenderSendsThem() {
        InProcessSignaling s = TestLinks.signaling("pli");
        Tuple2<Session, Session> pair = TestLinks.connect(
                WebRtcConfig.of(s.robot()).withVideo(VideoOptions.defaults()),
                WebRtcConfig.of(s.operator()).withVideo(VideoOptions.defaults()), List.of(Channels.STATE_RELIABLE, Channels.MAP_UNRELIABLE));
        Session robot = pair.getT1();
        Session operator = pair.getT2();
        Disposable camera = robot.sendVideo(Flux.interval(Duration.ofMillis(33)).onBackpressureDrop().map(i -> {
            byte[] noise = new byte[640 * 480 * 3 / 2];
            new Random(i).nextBytes(noise); // incompressible: many packets per frame
            return Frame.wrap(FrameInfo.of(PixelFormat.I420, 640, 480).withId(i), ByteBuffer.wrap(noise));
        })).subscribe();
        try {
            StepVerifier.create(operator.receiveVideo().doOnNext(Frame::release).take(5))
                    .expectNextCount(5)
                    .expectComplete()
                    .verify(TIMEOUT);
            // overflow the operator's UDP receive buffer (shared by the bundled video and data) so packets are lost
            Disposable flood = robot.send(Channels.MAP_UNRELIABLE, Flux.<byte[]>generate(sink ->
                    sink.next(new byte[60_000]))).subscribe(null, e -> { });
            try {
                // OpenH264 in libwebrtc makes one keyframe at the start and then only on request (or a resize)
                awaitStats("a PLI or FIR reached the sender and a keyframe answered it", () -> {
                    Map<String, Object> out = outbound(robot);
                    return count(out, "pliCount") + count(out, "firCount") > 0 && count(out, "keyFramesEncoded") > 1;
                }, Duration.ofSeconds(25));
            } finally {
                flood.dispose();
            }
            log.info("after loss: outbound video {}", outbound(robot));
        } finally {
            camera.dispose();
            TestLinks.close(pair);
        }
    }
}
