package io.teleflux;

/**
 * A payload was larger than the channel allows ({@link ChannelSpec#maxMessageSize()} or the peer's advertised
 * maximum). It never reached the transport; the {@code send} that carried it ends with this error.
 */
public final class MessageTooLargeException extends TelefluxException {
    private static final long serialVersionUID = 1L;
    private final int size;
    private final int limit;

    public MessageTooLargeException(String channel, int size, int limit) {
        super("a " + size + "-byte message exceeds the " + limit + "-byte limit of channel '" + channel + "'");
        this.size = size;
        this.limit = limit;
    }

    /** The size of the rejected payload in bytes. */
    public int size() {
        return size;
    }

    /** The limit it exceeded, in bytes. */
    public int limit() {
        return limit;
    }
}
