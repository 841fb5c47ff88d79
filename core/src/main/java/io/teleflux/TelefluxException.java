package io.teleflux;

/** Base of every exception teleflux signals; unchecked, as everywhere in Reactor. */
public class TelefluxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TelefluxException(String message) {
        super(message);
    }

    public TelefluxException(String message, Throwable cause) {
        super(message, cause);
    }
}
