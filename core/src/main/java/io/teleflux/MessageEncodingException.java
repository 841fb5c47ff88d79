package io.teleflux;

/** A message could not be put on the wire (for example a field too large for its length prefix, or a null field). */
public class MessageEncodingException extends TelefluxException {
    private static final long serialVersionUID = 1L;

    public MessageEncodingException(String message) {
        super(message);
    }

    public MessageEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
