package io.teleflux.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The SQLite file: one writer connection used only on the store's writer thread, and a small pool of read-only
 * connections (WAL lets them read while the writer commits).
 */
final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** Bumped on incompatible schema changes. */
    static final int SCHEMA_VERSION = 1;
    private static final int MAX_IDLE_READERS = 4;

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS streams (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                + " payload_type TEXT NOT NULL, codec TEXT NOT NULL, config TEXT NOT NULL,"
                + " created_ns INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, stream_id INTEGER NOT NULL REFERENCES streams(id),"
                + " seq INTEGER NOT NULL, ts_ns INTEGER NOT NULL, keyframe INTEGER NOT NULL DEFAULT 0,"
                + " frame_seq INTEGER NOT NULL DEFAULT 0, keyframe_seq INTEGER NOT NULL DEFAULT 0,"
                + " pts INTEGER NOT NULL DEFAULT 0, width INTEGER NOT NULL DEFAULT 0,"
                + " height INTEGER NOT NULL DEFAULT 0,"
                + " size INTEGER NOT NULL, data BLOB NOT NULL)",
        "CREATE UNIQUE INDEX IF NOT EXISTS entries_seq ON entries(stream_id, seq)",
        "CREATE INDEX IF NOT EXISTS entries_ts ON entries(stream_id, ts_ns)",
        // partial index holding only keyframes: a seek finds the last keyframe <= target in O(log n)
        "CREATE INDEX IF NOT EXISTS entries_keyframes ON entries(stream_id, seq) WHERE keyframe = 1",
        "CREATE TABLE IF NOT EXISTS tags (row_id INTEGER NOT NULL, stream_id INTEGER NOT NULL, key TEXT NOT NULL,"
                + " value TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS tags_kv ON tags(stream_id, key, value, row_id)",
        "CREATE INDEX IF NOT EXISTS tags_row ON tags(row_id)",
    };

    private final Path file;
    private final boolean readOnly;
    private final Connection writer;
    private final Scheduler writeThread;
    private final Deque<Connection> idleReaders = new ArrayDeque<>();
    private final Object writeLock = new Object();
    private final java.util.concurrent.atomic.AtomicInteger borrowed = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    private Database(Path file, boolean readOnly, Connection writer, Scheduler writeThread) {
        this.file = file;
        this.readOnly = readOnly;
        this.writer = writer;
        this.writeThread = writeThread;
    }

    static Database open(Path file, StoreOptions options, boolean readOnly) {
        if (readOnly && !Files.isRegularFile(file)) {
            throw new StoreException("no store at " + file);
        }
        Connection writer = null;
        Scheduler thread = null;
        try {
            if (!readOnly) {
                writer = connect(file, false);
                try (Statement s = writer.createStatement()) {
                    checkVersion(file, s);
                    if (options.maxSize() > 0) {
                        long pageSize = longQuery(s, "PRAGMA page_size");
                        s.execute("PRAGMA max_page_count = " + Math.max(1, options.maxSize() / pageSize));
                    }
                    writer.setAutoCommit(false);
                    for (String ddl : SCHEMA) {
                        s.execute(ddl);
                    }
                    s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
                    writer.commit();
                }
                thread = Schedulers.newSingle("teleflux-store-writer", true);
            }
            Database db = new Database(file, readOnly, writer, thread);
            if (readOnly) {
                db.release(db.borrowReader()); // fail now, not at the first read
            }
            log.debug("opened {} ({})", file, readOnly ? "read-only" : "read-write");
            return db;
        } catch (SQLException e) {
            closeQuietly(writer);
            if (thread != null) {
                thread.dispose();
            }
            throw SqliteErrors.map("open", file, e);
        }
    }

    private static void checkVersion(Path file, Statement s) throws SQLException {
        long version = longQuery(s, "PRAGMA user_version");
        if (version > SCHEMA_VERSION) {
            throw new StoreException(file + " has store schema version " + version + "; this build reads up to "
                    + SCHEMA_VERSION);
        }
        // touching the schema fails with SQLITE_NOTADB on a file that is not SQLite
        longQuery(s, "SELECT count(*) FROM sqlite_master");
    }

    private static long longQuery(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        config.setReadOnly(readOnly);
        if (!readOnly) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        }
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    Path file() {
        return file;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** Work on a connection that may throw SQLException. */
    @FunctionalInterface
    interface SqlWork<R> {
        R run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on the writer thread (blocking JDBC is confined there), committing on
     * success and rolling back on failure. Fails with {@link StoreReadOnlyException} on a read-only store.
     */
    <R> Mono<R> write(String what, SqlWork<R> work) {
        if (readOnly) {
            return Mono.error(new StoreReadOnlyException(what + " on " + file + ": the store was opened read-only",
                    null));
        }
        return Mono.fromCallable(() -> writeNow(what, work)).subscribeOn(writeThread);
    }

    /** {@link #write} without leaving the calling thread; for short operations such as creating a stream. */
    <R> R writeNow(String what, SqlWork<R> work) {
        if (readOnly) {
            throw new StoreReadOnlyException(what + " on " + file + ": the store was opened read-only", null);
        }
        synchronized (writeLock) {
            ensureOpen();
            return transaction(what, work);
        }
    }

    private <R> R transaction(String what, SqlWork<R> work) {
        try {
            R result = work.run(writer);
            writer.commit();
            return result;
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw SqliteErrors.map(what, file, e);
        }
    }

    /** Runs {@code work} on a pooled read-only connection, on the calling thread. */
    <R> R read(String what, SqlWork<R> work) {
        Connection c = borrowReader();
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw SqliteErrors.map(what, file, e);
        } finally {
            release(c);
        }
    }

    Connection borrowReader() {
        synchronized (this) {
            ensureOpen();
            Connection idle = idleReaders.pollFirst();
            if (idle != null) {
                borrowed.incrementAndGet();
                return idle;
            }
        }
        try {
            Connection c = connect(file, true);
            borrowed.incrementAndGet();
            return c;
        } catch (SQLException e) {
            throw SqliteErrors.map("open a reader", file, e);
        }
    }

    /** Read connections currently lent out (for leak tests). */
    int borrowedReaders() {
        return borrowed.get();
    }

    void release(Connection c) {
        borrowed.decrementAndGet();
        synchronized (this) {
            if (!closed && idleReaders.size() < MAX_IDLE_READERS) {
                idleReaders.addFirst(c);
                return;
            }
        }
        closeQuietly(c);
    }

    void ensureOpen() {
        if (closed) {
            throw new StoreException("store " + file + " is closed");
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            idleReaders.forEach(Database::closeQuietly);
            idleReaders.clear();
        }
        synchronized (writeLock) {
            if (writer != null) {
                try {
                    writer.commit();
                    try (Statement s = writer.createStatement()) {
                        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                    }
                } catch (SQLException e) {
                    log.warn("checkpoint of {} on close failed: {}", file, e.getMessage());
                }
                closeQuietly(writer);
            }
        }
        if (writeThread != null) {
            writeThread.dispose();
        }
        log.debug("closed {}", file);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("closing a connection failed: {}", e.getMessage());
        }
    }
}
