package io.teleflux.codecs.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.teleflux.MessageDecodingException;
import io.teleflux.MessageEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: {@code decode} of any bytes returns a message or throws {@link MessageDecodingException}, and
 * {@code matches} never throws. A decoded message re-encodes (or, for a non-finite number read from Python's
 * {@code NaN}, refuses with {@link MessageEncodingException}) and decodes again to an equal message.
 */
class ControlMessageFuzzTest {

    private static final long SEED = 0x15_0cadeL;
    private static final int ITERATIONS = 40_000;
    private static final List<String> SAMPLES = List.of(
            "{\"type\":\"ping\",\"client_ts\":1712345678.123}",
            "{\"type\":\"pong\",\"client_ts\":1712345678.123,\"robot_ts\":1712345678.4567}",
            "{\"type\":\"cmd_ack\",\"nonce\":\"n-1\",\"ok\":true}",
            "{\"type\":\"sport_cmd\",\"name\":\"Damp\",\"nonce\":7}",
            "{\"type\":\"nav_goal\",\"x\":3.5,\"y\":-2.0,\"nonce\":8}",
            "{\"type\": \"operator_lost\"}",
            "{\"type\":\"robot_telemetry\",\"cmd\":{\"latency_ms\":12.5,\"rate_hz\":null},\"soc\":87,"
                    + "\"state\":{\"posture\":\"Sit\",\"estopped\":false},\"robot_ts\":1712345679.25}",
            "{\"type\":\"video_stats\",\"fps\":29.5,\"kbps\":1850,\"codec\":\"video/H264\"}",
            "{\"type\":\"camera_select\",\"cams\":[\"cam1\",\"cam2\"]}",
            "{\"type\":\"odom\",\"x\":1.25,\"y\":-0.5,\"yaw\":3.0,\"ts\":1712345678.9}");
    private static final byte[] TOKENS = "{}[]\":,\\ 0123456789.eE+-truefalsnNaI\u00e9".getBytes(StandardCharsets.UTF_8);

    @Test
    void decodeEitherReturnsAMessageOrThrowsMessageDecodingException() {
        Random random = new Random(SEED);
        int decoded = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] payload = mutate(SAMPLES.get(random.nextInt(SAMPLES.size())).getBytes(StandardCharsets.UTF_8),
                    random);
            ControlMessages.TYPE.matches(payload);
            ControlMessages.of(ControlMessage.Ping.class).matches(payload);
            ControlMessages.of(ControlMessage.Unknown.class).matches(payload);
            ControlMessage message;
            try {
                message = ControlMessages.TYPE.decode(payload);
            } catch (MessageDecodingException expected) {
                continue;
            } catch (Throwable unexpected) {
                fail("iteration %d decoding %s threw %s", i, HexFormat.of().formatHex(payload), unexpected);
                return;
            }
            decoded++;
            try {
                byte[] again = ControlMessages.TYPE.encode(message);
                assertThat(ControlMessages.TYPE.decode(again)).as("iteration %d", i).isEqualTo(message);
            } catch (MessageEncodingException nonFinite) {
                assertThat(nonFinite).hasMessageContaining("not representable");
            }
        }
        assertThat(decoded).isPositive();
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] p = original;
        for (int r = 1 + random.nextInt(2); r > 0 && p.length > 0; r--) {
            int at = random.nextInt(p.length);
            switch (random.nextInt(5)) {
                case 0:
                    p = p.clone();
                    p[at] ^= (byte) (1 << random.nextInt(8));
                    break;
                case 1:
                    p = p.clone();
                    p[at] = TOKENS[random.nextInt(TOKENS.length)];
                    break;
                case 2:
                    p = Arrays.copyOf(p, at);
                    break;
                case 3:
                    byte[] q = new byte[p.length - 1];
                    System.arraycopy(p, 0, q, 0, at);
                    System.arraycopy(p, at + 1, q, at, p.length - at - 1);
                    p = q;
                    break;
                default:
                    byte[] longer = new byte[p.length + 1];
                    System.arraycopy(p, 0, longer, 0, at);
                    longer[at] = TOKENS[random.nextInt(TOKENS.length)];
                    System.arraycopy(p, at, longer, at + 1, p.length - at);
                    p = longer;
                    break;
            }
        }
        return p;
    }
}
