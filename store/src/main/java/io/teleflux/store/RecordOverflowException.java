package io.teleflux.store;

/**
 * A recording fell behind its producer: with a {@link io.teleflux.BackpressurePolicy#buffer(int) BUFFER(n)} overflow
 * policy, more than {@code n} values behind the disk; with {@link RecordOptions#WAIT}, the producer sent more than it
 * was asked for (it ignores backpressure and needs an overflow policy). The recording ends; what was committed before
 * stays.
 */
public final class RecordOverflowException extends StoreException {
    private static final long serialVersionUID = 1L;

    public RecordOverflowException(String stream, int capacity) {
        super("recording of stream '" + stream + "' fell more than " + capacity
                + " values behind the disk (policy BUFFER(" + capacity + "), overflow ERROR)");
    }

    /** The producer of {@code stream} ignored backpressure under {@link RecordOptions#WAIT}. */
    public RecordOverflowException(String stream, Throwable cause) {
        super("the producer recorded into stream '" + stream + "' sent more values than requested (it ignores"
                + " backpressure); record it with RecordOptions.overflow(policy)", cause);
    }
}
