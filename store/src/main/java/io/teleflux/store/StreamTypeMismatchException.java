package io.teleflux.store;

/**
 * A stream was opened with a {@link StreamType} other than the one it was created with (another payload type or
 * another codec). The stream and its rows are left alone.
 */
public final class StreamTypeMismatchException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StreamTypeMismatchException(String message) {
        super(message);
    }
}
