package io.teleflux.webrtc.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The frame format without a network: encoders, coalescer and decoder, including malformed input and the caps. */
class FrameFormatTest {

    private final List<byte[]> delivered = new ArrayList<>();

    private FrameDecoder decoder(int maxPayload) {
        return new FrameDecoder("test", maxPayload, delivered::add);
    }

    private static byte[] random(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }

    private static List<byte[]> fragments(byte[] payload, int frameSize) {
        List<byte[]> frames = new ArrayList<>();
        FrameFormat.fragments(payload, frameSize).forEachRemaining(frames::add);
        return frames;
    }

    private static void feed(FrameDecoder decoder, List<byte[]> frames) {
        frames.forEach(f -> decoder.decode(ByteBuffer.wrap(f)));
    }

    @Test
    void wholeFramesCarryAnyBytesIncludingOnesThatLookLikeHeaders() {
        FrameDecoder d = decoder(1024);
        byte[][] payloads = {{}, {0x00}, {0x01, 0x02}, {0x02, 0, 0, 0, 9, 1}, {0x03}, {0x04, 0x04}, {(byte) 0xFF}};
        for (byte[] p : payloads) {
            d.decode(ByteBuffer.wrap(FrameFormat.whole(p)));
        }
        assertThat(delivered).containsExactly(payloads);
        assertThat(d.drops()).isZero();
    }

    @Test
    void varintsRoundTripAndBadOnesAreRefused() {
        for (int v : new int[] {0, 1, 127, 128, 16_383, 16_384, 1 << 21, Integer.MAX_VALUE}) {
            byte[] b = new byte[FrameFormat.MAX_VARINT];
            int end = FrameFormat.putVarint(b, 0, v);
            assertThat(end).isEqualTo(FrameFormat.varintSize(v));
            assertThat(FrameFormat.getVarint(ByteBuffer.wrap(b, 0, end))).isEqualTo(v);
        }
        byte[] six = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        assertThat(FrameFormat.getVarint(ByteBuffer.wrap(six))).isEqualTo(-1);
        assertThat(FrameFormat.getVarint(ByteBuffer.wrap(new byte[] {(byte) 0x80}))).isEqualTo(-1);
        byte[] tooBig = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        assertThat(FrameFormat.getVarint(ByteBuffer.wrap(tooBig))).isEqualTo(-1);
    }

    @Test
    void coalescedPayloadsArriveOneByOneInOrderAndASingleOneAsAWholeFrame() {
        MessageCoalescer c = new MessageCoalescer(1024);
        Random random = new Random(1);
        List<byte[]> sent = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] p = random(random, random.nextInt(300));
            sent.add(p);
            assertThat(c.accepts(p.length)).isTrue();
            if (!c.add(p)) {
                frames.add(c.take());
                assertThat(c.add(p)).isTrue();
            }
        }
        frames.add(c.take());
        assertThat(c.isEmpty()).isTrue();
        assertThat(frames).allSatisfy(f -> assertThat(f.length).isLessThanOrEqualTo(1024));
        assertThat(frames.size()).isLessThan(sent.size() / 3);
        FrameDecoder d = decoder(1024);
        feed(d, frames);
        assertThat(delivered).containsExactlyElementsOf(sent);

        c.add(new byte[] {7, 8});
        byte[] single = c.take();
        assertThat(single).containsExactly(FrameFormat.WHOLE, 7, 8);
        assertThat(c.accepts(1024 - 1 - 2)).isTrue();
        assertThat(c.accepts(1024 - 1 - 1)).isFalse();
        assertThatThrownBy(c::take).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fragmentsReassembleByteIdenticalAndNeverExceedTheFrameSize() {
        Random random = new Random(2);
        FrameDecoder d = decoder(4 << 20);
        List<byte[]> sent = new ArrayList<>();
        for (int size : new int[] {65_532, 65_536, 262_145, 4 << 20, 1_000_003}) {
            byte[] p = random(random, size);
            sent.add(p);
            List<byte[]> frames = fragments(p, 65_536);
            assertThat(frames).hasSizeGreaterThanOrEqualTo(2);
            assertThat(frames).allSatisfy(f -> assertThat(f.length).isLessThanOrEqualTo(65_536));
            assertThat(frames.get(0)[0]).isEqualTo(FrameFormat.FIRST);
            assertThat(frames.get(frames.size() - 1)[0]).isEqualTo(FrameFormat.LAST);
            feed(d, frames);
            d.decode(ByteBuffer.wrap(FrameFormat.whole(new byte[] {42})));
            sent.add(new byte[] {42});
        }
        assertThat(delivered).containsExactlyElementsOf(sent);
        assertThat(d.drops()).isZero();
        assertThat(d.reassembling()).isFalse();
        assertThatThrownBy(() -> FrameFormat.fragments(new byte[100], 105))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSequenceAboveTheCapIsDiscardedWithoutBufferingAndCountedOnce() {
        FrameDecoder d = decoder(1 << 20);
        feed(d, fragments(new byte[(1 << 20) + 1], 65_536));
        assertThat(d.drops()).isEqualTo(1);
        assertThat(d.reassembling()).isFalse();
        assertThat(d.bufferCapacity()).isZero();
        assertThat(delivered).isEmpty();
        byte[] exactly = new byte[1 << 20];
        exactly[5] = 5;
        feed(d, fragments(exactly, 65_536));
        assertThat(delivered).containsExactly(exactly);
        assertThat(d.drops()).isEqualTo(1);
    }

    @Test
    void theReassemblyBufferGrowsWithWhatArrivedNotWithWhatIsAnnounced() {
        FrameDecoder d = decoder(1 << 30);
        byte[] first = ByteBuffer.allocate(5 + 10).put(FrameFormat.FIRST).putInt(1 << 30).array();
        d.decode(ByteBuffer.wrap(first));
        assertThat(d.reassembling()).isTrue();
        assertThat(d.bufferCapacity()).isLessThanOrEqualTo(256 * 1024);
        d.decode(ByteBuffer.wrap(new byte[] {FrameFormat.MIDDLE, 1, 2, 3}));
        assertThat(d.bufferCapacity()).isLessThanOrEqualTo(256 * 1024);
        d.decode(ByteBuffer.wrap(FrameFormat.whole(new byte[] {9})));
        assertThat(d.drops()).as("the unfinished sequence").isEqualTo(1);
        assertThat(d.reassembling()).isFalse();
        assertThat(delivered).containsExactly(new byte[] {9});
    }

    @Test
    void brokenSequencesAreCountedOnceAndTheNextFrameDecodes() {
        FrameDecoder d = decoder(1 << 20);
        byte[] payload = new byte[200_000];
        new Random(3).nextBytes(payload);
        List<byte[]> frames = fragments(payload, 65_536); // FIRST, MIDDLE, MIDDLE, LAST
        assertThat(frames).hasSize(4);
        byte[] ok = FrameFormat.whole(new byte[] {1});

        feed(d, List.of(frames.get(0), frames.get(1), frames.get(3), ok)); // a lost middle: LAST does not add up
        assertThat(d.drops()).isEqualTo(1);
        feed(d, List.of(frames.get(1), frames.get(2), frames.get(3), ok)); // no FIRST: one orphan sequence
        assertThat(d.drops()).isEqualTo(2);
        feed(d, List.of(frames.get(0), frames.get(1), frames.get(0), frames.get(1), frames.get(2), frames.get(3)));
        assertThat(d.drops()).as("the first sequence, cut short by a new FIRST").isEqualTo(3);
        feed(d, List.of(frames.get(0), frames.get(1), frames.get(2), frames.get(2), frames.get(3), ok)); // too long
        assertThat(d.drops()).isEqualTo(4);
        assertThat(delivered).hasSize(4);
        assertThat(delivered.get(2)).isEqualTo(payload);

        delivered.clear();
        List<byte[]> bad = List.of(
                new byte[0],                                              // no type
                new byte[] {0x05, 1, 2},                                  // unknown type
                new byte[] {FrameFormat.BATCH},                           // empty batch
                new byte[] {FrameFormat.BATCH, 2, 7, 7, 3, 1},            // truncated entry
                new byte[] {FrameFormat.BATCH, (byte) 0x80},              // truncated length
                new byte[] {FrameFormat.FIRST, 0, 0},                     // no total
                new byte[] {FrameFormat.FIRST, 0, 0, 0, 2, 1, 2},         // holds the whole payload
                new byte[] {FrameFormat.FIRST, (byte) 0x80, 0, 0, 0, 1}); // above 2^31
        long before = d.drops();
        for (byte[] f : bad) {
            d.decode(ByteBuffer.wrap(f));
            d.decode(ByteBuffer.wrap(ok));
        }
        assertThat(d.drops() - before).isEqualTo(bad.size());
        assertThat(delivered).hasSize(bad.size()).allSatisfy(p -> assertThat(p).containsExactly(1));
    }

    @Test
    void aBatchIsDeliveredOnlyIfItIsWellFormedThroughout() {
        FrameDecoder d = decoder(1024);
        d.decode(ByteBuffer.wrap(new byte[] {FrameFormat.BATCH, 1, 10, 0, 2, 20, 21}));
        assertThat(delivered).containsExactly(new byte[] {10}, new byte[0], new byte[] {20, 21});
        delivered.clear();
        d.decode(ByteBuffer.wrap(new byte[] {FrameFormat.BATCH, 1, 10, 5, 20}));
        assertThat(delivered).isEmpty();
        assertThat(d.drops()).isEqualTo(1);
    }

    @Test
    void framingIsNegotiatedFeatureByFeature() {
        Framing both = new Framing(true, true);
        assertThat(both.names()).containsExactly("fragment", "coalesce");
        assertThat(Framing.parse(List.of("coalesce", "future-feature"))).isEqualTo(new Framing(false, true));
        assertThat(both.and(Framing.parse(List.of()))).isEqualTo(Framing.NONE);
        assertThat(Framing.NONE.framed()).isFalse();
        assertThat(both.and(new Framing(true, false))).isEqualTo(new Framing(true, false));
        Iterator<byte[]> none = FrameFormat.fragments(new byte[200], 100);
        assertThat(none.hasNext()).isTrue();
    }
}
