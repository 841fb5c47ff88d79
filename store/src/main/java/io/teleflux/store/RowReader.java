package io.teleflux.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Schedulers;

/**
 * Reads a selection page by page on demand, decoding rows one at a time. Each subscription borrows one read-only
 * connection and opens one decoder, both released when it completes, errors or is cancelled. Blocking JDBC runs on
 * {@link Schedulers#boundedElastic()}, looked up per subscription (so virtual-time tests control it).
 */
final class RowReader<T> {

    static final int PAGE = 64;

    private final Database db;
    private final String stream;
    private final RowCodec<T> codec;
    private final AtomicLong undecodable;

    RowReader(Database db, String stream, RowCodec<T> codec, AtomicLong undecodable) {
        this.db = db;
        this.stream = stream;
        this.codec = codec;
        this.undecodable = undecodable;
    }

    Flux<Stored<T>> read(Sql.Selection selection, int latest) {
        return Flux.defer(() -> Flux.generate(() -> new Cursor(selection, latest), this::next, Cursor::close)
                .subscribeOn(Schedulers.boundedElastic()));
    }

    private Cursor next(Cursor cursor, SynchronousSink<Stored<T>> sink) {
        try {
            Stored<T> item = cursor.next();
            if (item == null) {
                sink.complete();
            } else {
                sink.next(item);
            }
        } catch (SQLException e) {
            sink.error(SqliteErrors.map("read stream '" + stream + "'", db.file(), e));
        } catch (RuntimeException e) {
            sink.error(e);
        }
        return cursor;
    }

    /** One subscription's connection, decoder and position. */
    private final class Cursor implements RowCodec.KeyframeChain {
        private final Connection connection;
        private final RowCodec.Decoder<T> decoder;
        private final Deque<Row> page = new ArrayDeque<>();
        private Sql.Selection selection;
        private int latest;
        private boolean exhausted;

        Cursor(Sql.Selection selection, int latest) {
            this.selection = selection;
            this.latest = latest;
            this.connection = db.borrowReader();
            RowCodec.Decoder<T> d;
            try {
                d = codec.newDecoder();
            } catch (RuntimeException e) {
                db.release(connection);
                throw e;
            }
            this.decoder = d;
        }

        Stored<T> next() throws SQLException {
            if (latest > 0) {
                selection = selection.after(Sql.seqBeforeLast(connection, selection, latest));
                latest = 0;
            }
            while (true) {
                if (page.isEmpty()) {
                    if (exhausted) {
                        return null;
                    }
                    List<Row> rows = Sql.page(connection, selection, PAGE);
                    exhausted = rows.size() < PAGE;
                    if (rows.isEmpty()) {
                        return null;
                    }
                    page.addAll(rows);
                    selection = selection.after(rows.get(rows.size() - 1).seq());
                }
                Row row = page.pollFirst();
                T value = decoder.decode(row, this);
                if (value == null) {
                    undecodable.incrementAndGet();
                    continue;
                }
                return new Stored<>(stream, row.seq(), Timestamps.fromNanos(row.tsNanos()), value, row.tags());
            }
        }

        @Override
        public List<Row> before(long seq) {
            try {
                long keyframe = Sql.keyframeAtOrBefore(connection, selection.streamId(), seq);
                if (keyframe < 0) {
                    return null;
                }
                Sql.Selection gop = new Sql.Selection(selection.streamId(), keyframe - 1, seq, Long.MIN_VALUE,
                        Long.MAX_VALUE, null, null);
                List<Row> rows = new ArrayList<>();
                while (true) {
                    List<Row> part = Sql.page(connection, gop, 256);
                    rows.addAll(part);
                    if (part.size() < 256) {
                        return rows;
                    }
                    gop = gop.after(part.get(part.size() - 1).seq());
                }
            } catch (SQLException e) {
                throw SqliteErrors.map("seek in stream '" + stream + "'", db.file(), e);
            }
        }

        void close() {
            try {
                decoder.close();
            } finally {
                db.release(connection);
            }
        }
    }
}
