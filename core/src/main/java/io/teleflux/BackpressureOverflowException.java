package io.teleflux;

/**
 * A subscriber on a {@link BackpressurePolicy#buffer(int) BUFFER(n)} channel fell more than {@code n} messages
 * behind. The subscriber's stream ends with this error; other subscribers and the session are unaffected.
 */
public final class BackpressureOverflowException extends TelefluxException {
    private static final long serialVersionUID = 1L;

    BackpressureOverflowException(String channel, int capacity) {
        super("subscriber of channel '" + channel + "' fell more than " + capacity
                + " messages behind (policy BUFFER(" + capacity + "), overflow ERROR)");
    }
}
