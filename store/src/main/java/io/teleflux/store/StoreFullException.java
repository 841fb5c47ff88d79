package io.teleflux.store;

/**
 * The store could not grow: the disk is full (SQLite {@code SQLITE_FULL}) or the store reached
 * {@link StoreOptions#withMaxSize(long) its size limit}. Rows committed before stay readable; the failed batch is
 * rolled back.
 */
public final class StoreFullException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
