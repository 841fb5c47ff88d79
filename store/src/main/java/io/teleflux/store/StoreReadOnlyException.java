package io.teleflux.store;

/**
 * A write to a store that cannot be written: opened with {@link Store#openReadOnly(java.nio.file.Path)}, or a file or
 * directory without write permission (SQLite {@code SQLITE_READONLY} / {@code SQLITE_CANTOPEN}).
 */
public final class StoreReadOnlyException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreReadOnlyException(String message, Throwable cause) {
        super(message, cause);
    }
}
