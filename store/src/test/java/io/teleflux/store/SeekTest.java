package io.teleflux.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.codecs.video.H264EncoderOptions;
import io.teleflux.video.Frame;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class SeekTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void randomSeekDecodesTheSameFrameAsASequentialRead() {
        Path file = dir.resolve("s.db");
        try (Store store = Store.open(file)) {
            StoreStream<Frame> cam = store.stream("cam", StreamType.h264(H264EncoderOptions.defaults()
                    .withKeyframeInterval(30)));
            StepVerifier.create(cam.record(Flux.fromIterable(TestFrames.frames(100, RoundTripTest.T0, 66))))
                    .expectComplete().verify(TIMEOUT);
            List<byte[]> sequential = new ArrayList<>();
            cam.read().doOnNext(s -> {
                sequential.add(bytes(s.value()));
                s.value().release();
            }).blockLast(TIMEOUT);
            assertThat(sequential).hasSize(100);

            Random random = new Random(42);
            List<Long> targets = new ArrayList<>(List.of(0L, 29L, 30L, 31L, 59L, 99L));
            for (int i = 0; i < 10; i++) {
                targets.add((long) random.nextInt(100));
            }
            for (long seq : targets) {
                Stored<Frame> s = cam.at(seq).block(TIMEOUT);
                assertThat(s).as("frame %d", seq).isNotNull();
                assertThat(s.seq()).isEqualTo(seq);
                assertThat(bytes(s.value())).as("frame %d bit-identical to the sequential decode", seq)
                        .isEqualTo(sequential.get((int) seq));
                s.value().release();
            }
            assertThat(cam.stats().undecodable()).isZero();
        }
    }

    @Test
    void aTimeRangeStartingMidGopDecodesFromTheKeyframe() {
        try (Store store = Store.open(dir.resolve("s.db"))) {
            StoreStream<Frame> cam = store.stream("cam", StreamType.h264());
            List<Frame> src = TestFrames.frames(60, RoundTripTest.T0, 100);
            StepVerifier.create(cam.record(Flux.fromIterable(src).map(Frame::retain)))
                    .expectComplete().verify(TIMEOUT);
            StepVerifier.create(cam.read(Query.between(RoundTripTest.T0.plusMillis(4500), RoundTripTest.T0
                            .plusMillis(5000))))
                    .thenConsumeWhile(s -> {
                        boolean ok = TestFrames.psnr(src.get((int) s.seq()), s.value()) > 30;
                        s.value().release();
                        return ok;
                    })
                    .expectComplete().verify(TIMEOUT);
            assertThat(cam.stats().undecodable()).isZero();
            src.forEach(Frame::release);
        }
    }

    @Test
    void theKeyframeLookupUsesTheIndexNotAScan() throws Exception {
        Path file = dir.resolve("s.db");
        try (Store store = Store.open(file)) {
            store.stream("cam", StreamType.h264());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + Sql.KEYFRAME_BEFORE)) {
            s.setLong(1, 1);
            s.setLong(2, 1000);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString("detail")).append('\n');
                }
            }
            assertThat(plan.toString())
                    .contains("SEARCH entries USING COVERING INDEX entries_keyframes (stream_id=? AND seq<?)")
                    .doesNotContain("SCAN")
                    .doesNotContain("TEMP B-TREE");
        }
    }

    static byte[] bytes(Frame f) {
        ByteBuffer b = f.data();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
