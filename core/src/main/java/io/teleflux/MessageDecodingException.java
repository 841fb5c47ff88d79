package io.teleflux;

/**
 * A payload was not a well-formed message of the expected type: truncated, wrong fingerprint, an impossible length,
 * invalid UTF-8, trailing bytes, malformed JSON. On an inbound channel such a payload is a counted drop
 * ({@link ChannelStats#malformed()}), never the end of the subscriber's stream.
 */
public class MessageDecodingException extends TelefluxException {
    private static final long serialVersionUID = 1L;

    public MessageDecodingException(String message) {
        super(message);
    }

    public MessageDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
