package io.teleflux;

/** A session was asked to use a channel that was not declared when it was connected. */
public final class UnknownChannelException extends TelefluxException {
    private static final long serialVersionUID = 1L;

    UnknownChannelException(String channel, java.util.Collection<String> declared) {
        super("channel '" + channel + "' was not declared for this session; declared: " + declared);
    }
}
