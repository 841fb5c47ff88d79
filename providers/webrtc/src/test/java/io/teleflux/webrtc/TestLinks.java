package io.teleflux.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.ChannelSpec;
import io.teleflux.Session;
import io.teleflux.Teleflux;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/** Helpers for tests that connect real WebRTC sessions. */
final class TestLinks {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private TestLinks() {
    }

    /** A fresh in-process signaling. */
    static InProcessSignaling signaling(String prefix) {
        return Signaling.inProcess(prefix + "-" + NAMES.incrementAndGet());
    }

    /** Connects a robot and an operator concurrently, each with {@code channels}. */
    static Tuple2<Session, Session> connect(WebRtcConfig robot, WebRtcConfig operator, List<ChannelSpec> channels) {
        Tuple2<Session, Session> pair = Mono.zip(
                Teleflux.robot(robot).channels(channels).connect(),
                Teleflux.operator(operator).channels(channels).connect()).block(TIMEOUT);
        assertThat(pair).isNotNull();
        return pair;
    }

    /** Connects over a fresh in-process signaling with default configs. */
    static Tuple2<Session, Session> connect(List<ChannelSpec> channels) {
        InProcessSignaling s = signaling("link");
        return connect(WebRtcConfig.of(s.robot()), WebRtcConfig.of(s.operator()), channels);
    }

    static void close(Tuple2<Session, Session> pair) {
        Flux.just(pair.getT1(), pair.getT2()).flatMap(Session::disposeLater).blockLast(TIMEOUT);
    }

    /** A payload of {@code size} bytes (at least 8) that carries {@code index} and a checkable pattern. */
    static byte[] payload(int index, int size) {
        ByteBuffer b = ByteBuffer.allocate(size).putInt(index).putInt(size);
        while (b.hasRemaining()) {
            b.put((byte) (b.position() * 31 + index));
        }
        return b.array();
    }

    /** The index of a {@link #payload}, after checking its pattern. */
    static int index(byte[] payload) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        int index = b.getInt();
        assertThat(b.getInt()).as("payload length field").isEqualTo(payload.length);
        while (b.hasRemaining()) {
            int pos = b.position();
            assertThat(b.get()).as("payload byte %d", pos).isEqualTo((byte) (pos * 31 + index));
        }
        return index;
    }

    /** Polls {@code condition} every 5 ms until true; fails after {@code timeout}. Not a sleep: a bounded wait. */
    static void await(String what, BooleanSupplier condition, Duration timeout) {
        Boolean met = Flux.interval(Duration.ZERO, Duration.ofMillis(5))
                .map(tick -> condition.getAsBoolean())
                .filter(Boolean::booleanValue)
                .blockFirst(timeout);
        assertThat(met).as(what).isTrue();
    }

    /** Names of live threads that start with {@code prefix}. */
    static List<String> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .toList();
    }
}
