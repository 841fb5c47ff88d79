package io.teleflux.codecs.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.video.EncodedFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * 12,000 access units, a third of them mutated (bit flips, truncation, garbage, repeated or missing seq), through one
 * decode pipeline: it must complete, account for every access unit, and never emit a picture between a lost access
 * unit and the next keyframe.
 */
class H264FuzzTest {

    @Test
    void mutatedAccessUnitsAreCountedDropsAndNeverDecodedAcrossAGap() {
        List<EncodedFrame> clean = TestStreams.small();
        Random random = new Random(20261121);
        List<EncodedFrame> stream = new ArrayList<>();
        Set<Long> mustNotDecode = new HashSet<>();
        long seqBase = 0;
        int mutated = 0;
        while (stream.size() < 12_000) {
            for (int i = 0; i < clean.size(); i++) {
                EncodedFrame au = shift(clean.get(i), seqBase);
                int dice = random.nextInt(9);
                if (dice >= 3 || au.keyframe() && dice < 2) {
                    stream.add(au);
                    continue;
                }
                mutated++;
                switch (dice) {
                    case 0 -> { // drop: every later delta of this GOP is undecodable
                        markRestOfGop(mustNotDecode, au, seqBase);
                    }
                    case 1 -> {
                        stream.add(au);
                        stream.add(au); // repeated: the copy and the rest of the GOP must be refused
                        markRestOfGop(mustNotDecode, au, seqBase);
                        mustNotDecode.remove(au.seq());
                    }
                    default -> stream.add(TestStreams.withData(au, mutate(au.data(), random)));
                }
            }
            seqBase += clean.size();
        }
        DecodeStats stats = new DecodeStats();
        List<Long> decoded = new ArrayList<>();
        StepVerifier.create(H264.decode(Flux.fromIterable(stream), H264DecodeOptions.defaults().withStats(stats))
                        .map(f -> {
                            f.release();
                            return f.id();
                        }))
                .recordWith(() -> decoded)
                .thenConsumeWhile(x -> true)
                .expectComplete()
                .verify(Duration.ofSeconds(60));
        assertThat(stream.size()).isGreaterThanOrEqualTo(10_000);
        assertThat(mutated).isGreaterThan(3000);
        assertThat(stats.decoded() + stats.dropped()).isEqualTo(stream.size());
        assertThat(decoded).doesNotContainAnyElementsOf(mustNotDecode);
        assertThat(stats.droppedWaitingForKeyframe()).isPositive();
        assertThat(stats.droppedInvalid() + stats.droppedDamaged()).isPositive();
        assertThat(Ffmpeg.liveNativeObjects()).isZero();
    }

    private static EncodedFrame shift(EncodedFrame au, long base) {
        return new EncodedFrame(au.codec(), au.seq() + base, au.keyframe(), au.keyframeSeq() + base, au.pts(),
                au.width(), au.height(), au.data());
    }

    private static void markRestOfGop(Set<Long> set, EncodedFrame au, long base) {
        long next = au.keyframeSeq() + 30;
        for (long s = au.seq(); s < next && s < base + 90; s++) {
            set.add(s);
        }
    }

    private static byte[] mutate(byte[] data, Random random) {
        byte[] d = data.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(20); i++) {
                    int at = 4 + random.nextInt(d.length - 4);
                    d[at] ^= (byte) (1 << random.nextInt(8));
                }
                return d;
            }
            case 1 -> {
                return Arrays.copyOf(d, 4 + random.nextInt(d.length - 3));
            }
            case 2 -> {
                byte[] g = new byte[1 + random.nextInt(2000)];
                random.nextBytes(g);
                byte[] out = new byte[g.length + 4];
                out[3] = 1;
                System.arraycopy(g, 0, out, 4, g.length);
                return out;
            }
            default -> {
                int from = 4 + random.nextInt(d.length - 4);
                for (int i = from; i < d.length; i++) {
                    d[i] = (byte) random.nextInt(256);
                }
                return d;
            }
        }
    }
}
