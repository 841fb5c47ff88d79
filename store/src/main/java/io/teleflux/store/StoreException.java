package io.teleflux.store;

import io.teleflux.TelefluxException;

/** Base of every error the store signals: an I/O or SQLite failure, with the store's file in the message. */
public class StoreException extends TelefluxException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
