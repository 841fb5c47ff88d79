package io.teleflux.bench.chromium;

import java.time.Duration;

/**
 * A connected operator/robot pair whose operator is a Chromium page: the primitives the harness's measurements need,
 * with the ping-pong run inside the page (pinging from Java through WebDriver would time WebDriver, about a
 * millisecond per command, instead of the transport).
 */
public interface ChromiumLink extends AutoCloseable {

    /** Pings are 64 bytes, as in the harness's ping-pong. */
    int PING_BYTES = 64;

    /** Milliseconds from the start of the connection to every channel end open. */
    double setupMillis();

    /** The largest message both ends accept ({@code RTCSctpTransport.maxMessageSize}; 262,144 in Chromium). */
    int maxMessageSize();

    /** Messages the robot received on the forward channel since the link was connected. */
    long received();

    /**
     * The operator sends {@code size}-byte messages on the forward channel for {@code duration}, behind the page's
     * flow control (up to 1 MiB buffered, then wait for {@code bufferedamountlow} at 256 KiB, on both kinds: a page
     * cannot spin-drop, its buffered amount only falls when its event loop runs); returns how many were sent.
     *
     * @throws io.teleflux.MessageTooLargeException if {@code size} exceeds {@link #maxMessageSize()}
     */
    long flood(int size, Duration duration);

    /**
     * The ping-pong, run in the page: {@value #PING_BYTES}-byte pings on the forward channel, echoed by the robot on
     * the back channel, the next ping when the echo arrives or after {@code perRound} (a lost round); the first
     * {@code warmUpRounds} are not counted.
     */
    RoundTrips pingPong(int warmUpRounds, int rounds, Duration perRound);

    /** Releases both ends; blocks until done. */
    @Override
    void close();

    /** The round-trip times of a ping-pong, in nanoseconds, of the answered rounds, and the lost rounds. */
    record RoundTrips(long[] nanos, int lost) {
    }
}
