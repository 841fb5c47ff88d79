package io.teleflux.store;

/** A stream name that the store does not hold, asked for where the stream must exist (a read-only store). */
public final class NoSuchStreamException extends StoreException {
    private static final long serialVersionUID = 1L;

    public NoSuchStreamException(String message) {
        super(message);
    }
}
