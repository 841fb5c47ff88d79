package io.teleflux;

/** The session was closed (by its user, or because its link ended) while an operation was pending or started. */
public final class SessionClosedException extends TelefluxException {
    private static final long serialVersionUID = 1L;

    public SessionClosedException(String message) {
        super(message);
    }
}
