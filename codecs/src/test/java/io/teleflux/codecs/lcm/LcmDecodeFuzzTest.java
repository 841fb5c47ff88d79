package io.teleflux.codecs.lcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.teleflux.MessageDecodingException;
import io.teleflux.MessageType;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever bytes arrive, {@code decode} returns a message or throws {@link MessageDecodingException};
 * nothing else escapes (no index, negative-size, out-of-memory or null-pointer errors). And whatever it returns
 * re-encodes to exactly the bytes it came from, so decoding never silently drops or repairs anything.
 *
 * <p>Seeded, so a failure names the iteration that reproduces it.
 */
class LcmDecodeFuzzTest {

    private static final long SEED = 0x7e1ef1c5L;
    private static final int ITERATIONS = 240_000;
    private static final int[] NASTY_INTS = {
        -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE - 8, 0x7FFF_FFF0, 0x4000_0000, 0x2000_0001, 0, 1,
        255, 65_536};

    @Test
    void decodeEitherReturnsAMessageOrThrowsMessageDecodingException() {
        List<LcmSamples.Sample<?>> samples = LcmSamples.all();
        Random random = new Random(SEED);
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            LcmSamples.Sample<?> sample = samples.get(random.nextInt(samples.size()));
            byte[] payload = mutate(sample.encode(), random);
            try {
                Object message = sample.type().decode(payload);
                decoded++;
                assertThat(reencode(sample.type(), message)).as("iteration %d re-encodes to its input", i)
                        .isEqualTo(payload);
            } catch (MessageDecodingException expected) {
                rejected++;
            } catch (Throwable unexpected) {
                fail("iteration %d: %s decoding %s threw %s", i, sample.type().name(),
                        HexFormat.of().formatHex(payload), unexpected);
            }
            // matches() must never throw either, on any payload
            sample.type().matches(payload);
        }
        assertThat(decoded + rejected).isEqualTo(ITERATIONS);
        assertThat(decoded).as("some mutations stay valid (payload bytes, floats)").isPositive();
        assertThat(rejected).as("most structural mutations are rejected").isGreaterThan(ITERATIONS / 4);
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] reencode(MessageType<T> type, Object message) {
        return type.encode((T) message);
    }

    /** One or more random mutations; the fingerprint is usually kept so the body parser is what gets exercised. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] p = original;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            int from = p.length > 8 && random.nextInt(20) != 0 ? 8 : 0;
            switch (random.nextInt(7)) {
                case 0: // bit flip
                    if (p.length > from) {
                        p = p.clone();
                        int at = from + random.nextInt(p.length - from);
                        p[at] ^= (byte) (1 << random.nextInt(8));
                    }
                    break;
                case 1: // byte set
                    if (p.length > from) {
                        p = p.clone();
                        p[from + random.nextInt(p.length - from)] = (byte) random.nextInt(256);
                    }
                    break;
                case 2: // truncation
                    p = Arrays.copyOf(p, random.nextInt(p.length + 1));
                    break;
                case 3: // extension with random bytes
                    int extra = 1 + random.nextInt(16);
                    byte[] longer = Arrays.copyOf(p, p.length + extra);
                    for (int k = p.length; k < longer.length; k++) {
                        longer[k] = (byte) random.nextInt(256);
                    }
                    p = longer;
                    break;
                case 4: // int32 overwrite (length fields among others) with a hostile value
                case 5:
                    if (p.length - from >= 4) {
                        p = p.clone();
                        int at = from + random.nextInt(p.length - from - 3);
                        int value = random.nextBoolean() ? NASTY_INTS[random.nextInt(NASTY_INTS.length)]
                                : random.nextBoolean() ? random.nextInt() : random.nextInt(64) - 8;
                        LcmWriter.INT32.set(p, at, value);
                    }
                    break;
                default: // slice removal or duplication in the middle
                    if (p.length > from + 1) {
                        int at = from + random.nextInt(p.length - from);
                        int len = 1 + random.nextInt(Math.min(8, p.length - at));
                        byte[] q = random.nextBoolean() ? new byte[p.length - len] : new byte[p.length + len];
                        System.arraycopy(p, 0, q, 0, at);
                        if (q.length < p.length) {
                            System.arraycopy(p, at + len, q, at, p.length - at - len);
                        } else {
                            System.arraycopy(p, at, q, at, len);
                            System.arraycopy(p, at, q, at + len, p.length - at);
                        }
                        p = q;
                    }
                    break;
            }
        }
        return p;
    }
}
