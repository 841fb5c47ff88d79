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
import io.teleflux.video.LatencyStamp;
import io.teleflux.video.PixelFormat;
import io.teleflux.video.VideoCodec;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import io.teleflux.webrtc.peer.VideoFrames;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/** Video over a real track between two Java peers: content, codec, pacing, restart and release. */
@ExtendWith(NetworkNamespace.class)
class VideoSessionTest {

    private static final Logger log = LoggerFactory.getLogger(VideoSessionTest.class);
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int DARK = 60;
    private static final int BRIGHT = 190;

    /** Every frame a test made, to check that each was released exactly as often as needed. */
    private final Queue<Frame> made = new ConcurrentLinkedQueue<>();

    @AfterEach
    void everyFrameAndNativeResourceWasReleased() {
        TestLinks.await("sent frames released", () -> made.stream().allMatch(f -> f.refCount() == 0), TIMEOUT);
        TestLinks.await("native frames released", () -> VideoFrames.nativeFramesHeld() == 0, TIMEOUT);
        assertThat(PeerConnectionFactoryLease.livePeerConnections()).isZero();
        TestLinks.await("factory disposed", () -> !PeerConnectionFactoryLease.isFactoryActive(), TIMEOUT);
        TestLinks.await("video threads ended", () -> TestLinks.threads("teleflux-webrtc-").isEmpty(), TIMEOUT);
    }

    /** An I420 frame: left half dark, right half bright, the bottom 16 rows a latency stamp of now. */
    private Frame pattern(long id) {
        FrameInfo info = FrameInfo.of(PixelFormat.I420, WIDTH, HEIGHT).withId(id);
        byte[] data = new byte[info.bufferSize()];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                data[y * WIDTH + x] = (byte) (x < WIDTH / 2 ? DARK : BRIGHT);
            }
        }
        Arrays.fill(data, WIDTH * HEIGHT, data.length, (byte) 128);
        LatencyStamp.draw(ByteBuffer.wrap(data), WIDTH, WIDTH, HEIGHT, System.currentTimeMillis());
        Frame frame = Frame.wrap(info, ByteBuffer.wrap(data));
        made.add(frame);
        return frame;
    }

    /** A small grey I420 frame. */
    private Frame small(int id) {
        FrameInfo info = FrameInfo.of(PixelFormat.I420, 64, 48).withId(id);
        byte[] data = new byte[info.bufferSize()];
        Arrays.fill(data, (byte) 128);
        Frame frame = Frame.wrap(info, ByteBuffer.wrap(data));
        made.add(frame);
        return frame;
    }

    private static int luma(Frame frame, int x, int y) {
        return frame.data().get(y * frame.width() + x) & 0xFF;
    }

    private static Tuple2<Session, Session> connect(VideoOptions robotVideo, VideoOptions operatorVideo) {
        InProcessSignaling s = TestLinks.signaling("video");
        WebRtcConfig robot = WebRtcConfig.of(s.robot());
        WebRtcConfig operator = WebRtcConfig.of(s.operator());
        return TestLinks.connect(robotVideo == null ? robot : robot.withVideo(robotVideo),
                operatorVideo == null ? operator : operator.withVideo(operatorVideo), List.of(Channels.STATE_RELIABLE));
    }

    @Test
    void robotFramesArriveAtTheOperatorWithTheirPatternOverH264AndAgainAfterAReconnect() {
        for (int cycle = 0; cycle < 2; cycle++) {
            Tuple2<Session, Session> pair = connect(VideoOptions.defaults(), VideoOptions.defaults());
            Session robot = pair.getT1();
            Session operator = pair.getT2();
            assertThat(WebRtcEndpoint.of(operator).negotiatedVideoCodec()).isEqualTo("H264");
            Disposable camera = robot.sendVideo(Flux.interval(Duration.ofMillis(33)).onBackpressureDrop()
                    .map(this::pattern)).subscribe();
            try {
                StepVerifier.create(operator.receiveVideo().skip(5).take(5))
                        .thenConsumeWhile(frame -> {
                            try (frame) {
                                assertThat(frame.format()).isEqualTo(PixelFormat.I420);
                                assertThat(frame.width()).as("width").isGreaterThanOrEqualTo(LatencyStamp.MIN_WIDTH);
                                int y = frame.height() / 2;
                                assertThat(luma(frame, frame.width() / 4, y)).isBetween(DARK - 20, DARK + 20);
                                assertThat(luma(frame, frame.width() * 3 / 4, y)).isBetween(BRIGHT - 20, BRIGHT + 20);
                                if (frame.width() == WIDTH) {
                                    OptionalLong stamp = LatencyStamp.read(frame);
                                    assertThat(stamp).as("stamp").isPresent();
                                    assertThat(LatencyStamp.elapsedMillis(stamp.getAsLong(),
                                            System.currentTimeMillis())).isLessThan(2_000);
                                }
                                return true;
                            }
                        })
                        .expectComplete()
                        .verify(TIMEOUT);
                RTCStatsReport report = WebRtcEndpoint.of(robot).rawStats().block(TIMEOUT);
                assertThat(report).isNotNull();
                Map<String, Object> out = report.getStats().values().stream()
                        .filter(st -> st.getType() == RTCStatsType.OUTBOUND_RTP)
                        .map(RTCStats::getAttributes).findFirst().orElseThrow();
                log.info("cycle {}: outbound video {}", cycle, out);
                assertThat(String.valueOf(out.get("encoderImplementation"))).contains("OpenH264");
                assertThat(((Number) out.get("keyFramesEncoded")).longValue()).isPositive();
                assertThat(WebRtcSessions.videoFramesSent(robot)).isPositive();
                assertThat(WebRtcSessions.videoFramesReceived(operator)).isGreaterThanOrEqualTo(10);
            } finally {
                camera.dispose();
                TestLinks.close(pair);
            }
        }
    }

    @Test
    void framesAboveTheFrameRateAreDroppedCountedAndReleased() {
        Tuple2<Session, Session> pair = connect(VideoOptions.defaults().withCodecs(VideoCodec.VP8),
                VideoOptions.defaults().withMaxFramesPerSecond(10).withCodecs(VideoCodec.VP8));
        try {
            Session operator = pair.getT2();
            assertThat(WebRtcEndpoint.of(operator).negotiatedVideoCodec()).isEqualTo("VP8");
            // made beforehand, so that they are offered far faster than 10 per second
            List<Frame> frames = IntStream.range(0, 100).mapToObj(this::small).toList();
            StepVerifier.create(operator.sendVideo(Flux.fromIterable(frames)))
                    .expectComplete()
                    .verify(TIMEOUT);
            TestLinks.await("every frame pushed or dropped", () -> WebRtcSessions.videoFramesSent(operator)
                    + WebRtcSessions.videoFramesDropped(operator) == 100, TIMEOUT);
            assertThat(WebRtcSessions.videoFramesDropped(operator)).as("dropped by pacing").isGreaterThan(90);
            assertThat(WebRtcSessions.videoFramesSent(operator)).isPositive();
            // a finished send may be followed by another
            StepVerifier.create(operator.sendVideo(Flux.range(100, 10).map(this::small)))
                    .expectComplete()
                    .verify(TIMEOUT);
            TestLinks.await("the second send's frames pushed or dropped", () -> WebRtcSessions.videoFramesSent(
                    operator) + WebRtcSessions.videoFramesDropped(operator) == 110, TIMEOUT);
        } finally {
            TestLinks.close(pair);
        }
    }

    @Test
    void eachReceiverHoldsItsOwnReferenceAndCancellingReleasesWhatWaits() {
        Tuple2<Session, Session> pair = connect(VideoOptions.defaults(), VideoOptions.defaults());
        Disposable camera = pair.getT2().sendVideo(Flux.interval(Duration.ofMillis(33)).onBackpressureDrop()
                .map(this::pattern)).subscribe();
        Queue<Frame> received = new ConcurrentLinkedQueue<>();
        try {
            // a receiver that never requests: a frame waits for it (latest wins), released when overwritten or
            // when it cancels
            BaseSubscriber<Frame> idle = new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(Subscription subscription) {
                    // requests nothing
                }
            };
            pair.getT1().receiveVideo().subscribe(idle);
            StepVerifier.create(pair.getT2().sendVideo(Flux.never()))
                    .expectErrorMatches(e -> e instanceof IllegalStateException
                            && e.getMessage().contains("another send"))
                    .verify(TIMEOUT);
            StepVerifier.create(pair.getT1().receiveVideo().take(3))
                    .thenConsumeWhile(frame -> {
                        received.add(frame);
                        assertThat(frame.refCount()).as("ours, the idle receiver's, the publisher's").isBetween(1, 3);
                        frame.release();
                        return true;
                    })
                    .expectComplete()
                    .verify(TIMEOUT);
            camera.dispose();
            idle.dispose();
            TestLinks.await("received frames released by both receivers",
                    () -> received.stream().allMatch(f -> f.refCount() == 0), TIMEOUT);
        } finally {
            camera.dispose();
            TestLinks.close(pair);
        }
    }

    @Test
    void dataOnlySessionsHaveNoVideoAndSayWhy() {
        Tuple2<Session, Session> pair = connect(null, null);
        try {
            StepVerifier.create(pair.getT2().sendVideo(Flux.just(pattern(0))))
                    .expectError(UnsupportedOperationException.class)
                    .verify(TIMEOUT);
            made.forEach(f -> {
                if (f.refCount() > 0) {
                    f.release(); // never subscribed: still the test's
                }
            });
            StepVerifier.create(pair.getT1().receiveVideo())
                    .expectError(UnsupportedOperationException.class)
                    .verify(TIMEOUT);
        } finally {
            TestLinks.close(pair);
        }
    }

    @Test
    void aRobotWithVideoFacingAnOperatorWithoutItIsToldThatNoVideoWasNegotiated() {
        Tuple2<Session, Session> pair = connect(VideoOptions.defaults(), null);
        try {
            StepVerifier.create(pair.getT1().sendVideo(Flux.never()))
                    .expectErrorMatches(e -> e instanceof IllegalStateException
                            && e.getMessage().contains("negotiated no video"))
                    .verify(TIMEOUT);
        } finally {
            TestLinks.close(pair);
        }
    }

    @Test
    void aRobotWithoutVideoConfigReceivesNothingToSendButTheLinkWorks() {
        Tuple2<Session, Session> pair = connect(null, VideoOptions.defaults());
        try {
            StepVerifier.create(pair.getT1().sendVideo(Flux.empty()))
                    .expectError(UnsupportedOperationException.class)
                    .verify(TIMEOUT);
            StepVerifier.create(pair.getT1().receive(Channels.STATE_RELIABLE).map(TestLinks::index).take(1))
                    .then(() -> pair.getT2().send(Channels.STATE_RELIABLE, Flux.just(TestLinks.payload(7, 16)))
                            .subscribe(null, e -> log.debug("send ended with {}", e.toString())))
                    .expectNext(7)
                    .expectComplete()
                    .verify(TIMEOUT);
        } finally {
            TestLinks.close(pair);
        }
    }
}
