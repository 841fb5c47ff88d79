package io.teleflux.store;

import io.teleflux.BackpressurePolicy;
import io.teleflux.video.Frame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One named stream of a {@link Store}: record into it, read it back by time, tag or position, replay it.
 *
 * <p><b>Recording</b> ({@link #record(Publisher)}) is cold: nothing happens until the returned {@code Mono} is
 * subscribed; it completes once every value is committed and errors with the first failure (rows committed before
 * stay). Values are encoded off the caller's thread, then committed in batches ({@link StoreOptions}) on the store's
 * writer thread. One recording per stream at a time.
 *
 * <p><b>Reading</b> ({@link #read(Query)}, {@link #at(long)}) is cold and demand-driven: rows are fetched a page at a
 * time as they are requested, on {@code Schedulers.boundedElastic()}, and see every row committed before each page is
 * fetched, also while a recording runs. Rows that cannot be decoded are skipped and counted
 * ({@link StreamStats#undecodable()}); SQLite failures end the stream with a {@link StoreException}.
 *
 * @param <T> the value type
 */
public final class StoreStream<T> {

    private final Store store;
    private final Database db;
    private final Sql.StreamRow row;
    private final StreamType<T> type;
    private final StoreOptions options;
    private final AtomicBoolean recording;
    private final AtomicLong written;
    private final AtomicLong dropped;
    private final AtomicLong undecodable;
    private final RowReader<T> reader;

    StoreStream(Store store, Database db, StreamState state, StreamType<T> type, StoreOptions options) {
        this.store = store;
        this.db = db;
        this.row = state.row;
        this.type = type;
        this.options = options;
        this.recording = state.recording;
        this.written = state.written;
        this.dropped = state.dropped;
        this.undecodable = state.undecodable;
        this.reader = new RowReader<>(db, row.name(), type.newCodec(), undecodable);
    }

    /** The stream's name. */
    public String name() {
        return row.name();
    }

    /** The type this stream was opened with. */
    public StreamType<T> type() {
        return type;
    }

    /** The store this stream belongs to. */
    public Store store() {
        return store;
    }

    /**
     * Records {@code values}, each stamped with its own capture time (a {@link Frame}'s timestamp when it is not the
     * epoch) or else the wall clock when it arrives; the producer waits for the disk ({@link RecordOptions#WAIT}).
     * Frames are released once encoded.
     */
    public Mono<Void> record(Publisher<? extends T> values) {
        return record(values, RecordOptions.WAIT);
    }

    /** Records {@code values} as {@link #record(Publisher)}, with an overflow policy for producers that cannot wait. */
    public Mono<Void> record(Publisher<? extends T> values, RecordOptions options) {
        Objects.requireNonNull(values, "values");
        Flux<Entry<T>> entries = Flux.from(values)
                .map(v -> Entry.<T>of(type.timestampOf(v).orElseGet(Instant::now), v));
        return recordEntries(entries, options);
    }

    /**
     * Records entries with their own timestamps and tags.
     *
     * <p>Demand: the recorder requests at most {@code 4 × batchSize} entries beyond what was committed, so the disk's
     * pace reaches the producer; see {@link RecordOptions} for producers that cannot wait.
     *
     * @return completes when every entry is committed; errors with {@link StoreFullException},
     *         {@link StoreReadOnlyException}, {@link RecordOverflowException}, an encoding error of the codec, or
     *         {@link StoreException} if the stream is already being recorded
     */
    public Mono<Void> recordEntries(Publisher<Entry<T>> entries, RecordOptions options) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(options, "options");
        return Mono.defer(() -> {
            if (db.readOnly()) {
                return Mono.error(new StoreReadOnlyException("cannot record stream '" + name() + "': store "
                        + db.file() + " was opened read-only", null));
            }
            if (type.isView()) {
                return Mono.error(new StoreException("cannot record stream '" + name() + "' through the undecoded"
                        + " view: open it with its own StreamType"));
            }
            if (!recording.compareAndSet(false, true)) {
                return Mono.error(new StoreException("stream '" + name() + "' is already being recorded"));
            }
            Flux<Entry<T>> source = withOverflow(Flux.from(entries), options);
            return Flux.using(() -> new SerialEncoder<>(type.newCodec().newEncoder()),
                            encoder -> source
                                    .bufferTimeout(this.options.batchSize(), this.options.maxBatchDelay(),
                                            Schedulers.parallel(), true)
                                    .concatMap(batch -> writeBatch(encoder, batch), 0),
                            SerialEncoder::close)
                    .then()
                    .onErrorMap(Exceptions::isOverflow, e -> options.overflowPolicy()
                            .map(policy -> new RecordOverflowException(name(), policy.capacity()))
                            .orElseGet(() -> new RecordOverflowException(name(), e)))
                    .doOnDiscard(Entry.class, this::discard)
                    .doFinally(signal -> recording.set(false));
        });
    }

    private Flux<Entry<T>> withOverflow(Flux<Entry<T>> source, RecordOptions options) {
        if (options.overflowPolicy().isEmpty()) {
            return source;
        }
        BackpressurePolicy policy = options.overflowPolicy().get();
        return switch (policy.kind()) {
            case LATEST -> source.onBackpressureLatest();
            case DROP_OLDEST -> source.onBackpressureBuffer(policy.capacity(), e -> { },
                    BufferOverflowStrategy.DROP_OLDEST);
            case DROP_LATEST -> source.onBackpressureBuffer(policy.capacity(), e -> { },
                    BufferOverflowStrategy.DROP_LATEST);
            case BUFFER -> source.onBackpressureBuffer(policy.capacity(), e -> { });
        };
    }

    private void discard(Entry<?> entry) {
        dropped.incrementAndGet();
        if (entry.value() instanceof Frame frame && frame.refCount() > 0) {
            frame.release();
        }
    }

    /** Encodes a batch off the caller's thread, then commits it on the writer thread. */
    private Mono<Void> writeBatch(SerialEncoder<T> encoder, List<Entry<T>> batch) {
        return Mono.fromCallable(() -> encode(encoder, batch))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(rows -> db.write("record stream '" + name() + "'", c -> {
                    // the next seq is read inside the transaction: another writer (process) may have appended
                    Sql.insert(c, row.id(), Sql.nextSeq(c, row.id()), rows);
                    return rows.size();
                }).doOnNext(written::addAndGet))
                .then();
    }

    private List<RowData> encode(SerialEncoder<T> encoder, List<Entry<T>> batch) {
        List<RowData> rows = new ArrayList<>(batch.size());
        try {
            for (Entry<T> e : batch) {
                long ts = Timestamps.toNanos(e.timestamp());
                RowCodec.Encoded encoded = encoder.encode(e.value(), ts);
                rows.add(new RowData(ts, encoded.data(), e.tags(), encoded.video()));
            }
            return rows;
        } finally {
            for (Entry<T> e : batch) {
                if (e.value() instanceof Frame frame && frame.refCount() > 0) {
                    frame.release();
                }
            }
        }
    }

    /** Every row, in recording order. */
    public Flux<Stored<T>> read() {
        return read(Query.ALL);
    }

    /** The rows {@code query} selects, in recording order. */
    public Flux<Stored<T>> read(Query query) {
        Objects.requireNonNull(query, "query");
        return reader.read(selection(query, -1, Long.MAX_VALUE), query.latest());
    }

    /**
     * The row at position {@code seq} (0 = the first recorded), or empty if there is none or it cannot be decoded.
     * For an H.264 frame stream this is a random seek: the last keyframe at or before {@code seq} is found through the
     * keyframe index and decoded forward with a fresh decoder.
     */
    public Mono<Stored<T>> at(long seq) {
        if (seq < 0) {
            return Mono.error(new IllegalArgumentException("seq must be >= 0, was " + seq));
        }
        return reader.read(selection(Query.ALL, seq - 1, seq + 1), 0).next();
    }

    /** Replays this stream alone; see {@link Store#replay(ReplayOptions, StoreStream[])}. */
    @SuppressWarnings("unchecked")
    public Flux<Stored<T>> replay(ReplayOptions options) {
        return store.replay(options, this).map(s -> (Stored<T>) s);
    }

    /** Count, size, duration and codec of the stream as stored now (a short blocking query). */
    public StreamInfo info() {
        return store.info(name()).orElseThrow();
    }

    /** This process's counters for this stream. */
    public StreamStats stats() {
        return new StreamStats(written.get(), dropped.get(), undecodable.get());
    }

    private Sql.Selection selection(Query q, long afterSeq, long beforeSeq) {
        return new Sql.Selection(row.id(), afterSeq, beforeSeq, Timestamps.toNanosSaturated(q.from()),
                Timestamps.toNanosSaturated(q.until()), q.tagKey(), q.tagValue());
    }

    @Override
    public String toString() {
        return "StoreStream[" + name() + " " + type + " in " + db.file() + "]";
    }

    /** Serialises encode and close (close may come from a cancelling thread while a batch is encoded). */
    private static final class SerialEncoder<T> {
        private final RowCodec.Encoder<T> encoder;
        private boolean closed;

        SerialEncoder(RowCodec.Encoder<T> encoder) {
            this.encoder = encoder;
        }

        synchronized RowCodec.Encoded encode(T value, long tsNanos) {
            if (closed) {
                throw new IllegalStateException("the recording was cancelled");
            }
            return encoder.encode(value, tsNanos);
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                encoder.close();
            }
        }
    }
}
