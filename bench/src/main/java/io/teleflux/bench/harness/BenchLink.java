package io.teleflux.bench.harness;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import reactor.core.Disposable;

/**
 * A connected robot/operator pair with one {@link ChannelKind}'s forward and back channel: the primitives the
 * measurements ({@link ThroughputRun}, {@link PingPong}) drive, so that every target is measured by the same code.
 */
interface BenchLink {

    /** Payloads the robot received on the forward channel since the link was connected. */
    long received();

    /**
     * The operator sends {@code size}-byte payloads on the forward channel as fast as its flow control admits, for
     * {@code duration}; returns how many payloads it offered (sent, or dropped by an unreliable sender's flow
     * control).
     */
    long flood(int size, Duration duration);

    /**
     * Starts the ping-pong: the robot echoes every forward payload on the back channel, and each payload the operator
     * receives on the back channel goes to {@code onEcho}. Dispose the returned pinger to stop.
     */
    Pinger echo(Consumer<byte[]> onEcho);

    /**
     * The link's own ping-pong, for a link whose ends live outside this JVM (a browser page), where pinging through
     * {@link #echo} would time the remote control instead of the transport: the round-trip times in nanoseconds of
     * the answered rounds after {@code warmUpRounds} (lost = {@code rounds} minus their number). Empty, the default:
     * {@link PingPong} measures through {@link #echo}.
     */
    default Optional<long[]> ownRoundTrips(int warmUpRounds, int rounds, Duration perRound) {
        return Optional.empty();
    }

    /** Releases both ends; blocks until done. */
    void close();

    /** Sends pings while the echo runs. */
    interface Pinger extends Disposable {
        /** The operator sends {@code payload} on the forward channel. */
        void ping(byte[] payload);
    }
}
