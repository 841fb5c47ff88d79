package io.teleflux.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Store} writes. Immutable; each {@code with…} returns a copy and rejects bad values at once.
 *
 * <p>Rows are committed in batches (group commit): a batch is committed when it holds {@link #batchSize()} rows, when
 * its first row is {@link #maxBatchDelay()} old, or as soon as the previous commit finished while rows wait. So a fast
 * producer gets full batches and a slow one small, frequent commits. A process killed mid-recording loses at most the
 * rows not yet committed: the batch being committed and the rows waiting for it (SQLite WAL with
 * {@code synchronous=NORMAL}: a commit survives a process crash; a power loss may also lose the last commits).
 *
 * @param batchSize rows per commit, 1 to 65,536; default 64
 * @param maxBatchDelay the longest a written row waits for its commit, 1 ms to 1 min; default 100 ms
 * @param maxSize the largest the database file may grow, in bytes; 0 (the default) for no limit other than the disk.
 *        Past it, writes fail with {@link StoreFullException}
 */
public record StoreOptions(int batchSize, Duration maxBatchDelay, long maxSize) {

    /** The defaults: batches of 64 rows, committed at least every 100 ms, no size limit. */
    public static final StoreOptions DEFAULTS = new StoreOptions(64, Duration.ofMillis(100), 0);

    /** Validates every component. */
    public StoreOptions {
        Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
        if (batchSize < 1 || batchSize > 65_536) {
            throw new IllegalArgumentException("batchSize must be in [1, 65536], was " + batchSize);
        }
        if (maxBatchDelay.compareTo(Duration.ofMillis(1)) < 0 || maxBatchDelay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("maxBatchDelay must be in [1 ms, 1 min], was " + maxBatchDelay);
        }
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must be >= 0 (0 = unlimited), was " + maxSize);
        }
    }

    /** A copy committing every {@code batchSize} rows. */
    public StoreOptions withBatchSize(int batchSize) {
        return new StoreOptions(batchSize, maxBatchDelay, maxSize);
    }

    /** A copy committing a partial batch once its first row is {@code maxBatchDelay} old. */
    public StoreOptions withMaxBatchDelay(Duration maxBatchDelay) {
        return new StoreOptions(batchSize, maxBatchDelay, maxSize);
    }

    /** A copy limiting the database file to about {@code maxSize} bytes (rounded down to whole pages); 0 = no limit. */
    public StoreOptions withMaxSize(long maxSize) {
        return new StoreOptions(batchSize, maxBatchDelay, maxSize);
    }
}
