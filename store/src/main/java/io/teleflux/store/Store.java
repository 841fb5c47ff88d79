package io.teleflux.store;

import io.teleflux.video.Frame;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One SQLite file (WAL mode) holding many named streams: messages, bytes and video (JPEG or H.264), each recorded with
 * timestamps, read back by time, tag or position, and replayed with its original timing.
 *
 * <pre>{@code
 * try (Store store = Store.open(Path.of("run.db"))) {
 *     StoreStream<TwistStamped> cmds = store.stream("cmd", StreamType.messages(TwistStamped.TYPE));
 *     StoreStream<Frame> camera = store.stream("camera", StreamType.h264());
 *     Mono.when(cmds.record(commandFlux), camera.record(frameFlux)).block();
 *     store.replay(ReplayOptions.DEFAULTS.withSpeed(2), cmds, camera).subscribe(...);
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> {@link #open} and {@link #stream} block briefly (they open the file or write one row); call them
 * off event loops. Recording and reading are cold publishers whose blocking SQLite calls run on the store's writer
 * thread ({@code teleflux-store-writer}) and on {@code Schedulers.boundedElastic()}.
 *
 * <p><b>Safety.</b> Writes are committed in batches ({@link StoreOptions}); a process killed mid-recording leaves a
 * readable file missing at most the batch that was not committed. A full disk ({@link StoreFullException}) and a
 * read-only file ({@link StoreReadOnlyException}) are typed errors. Another process (or store) may read the file while
 * this one records. {@link #close()} ends the store; recordings still running fail.
 */
public final class Store implements AutoCloseable {

    private final Database db;
    private final StoreOptions options;
    private final Map<String, StreamState> states = new ConcurrentHashMap<>();

    private Store(Database db, StoreOptions options) {
        this.db = db;
        this.options = options;
    }

    /** Opens (creating if needed) the store at {@code file} with {@link StoreOptions#DEFAULTS}. */
    public static Store open(Path file) {
        return open(file, StoreOptions.DEFAULTS);
    }

    /**
     * Opens (creating if needed) the store at {@code file}.
     *
     * @throws StoreReadOnlyException if the file or its directory cannot be written
     * @throws StoreException if the file is not a teleflux store or cannot be opened
     */
    public static Store open(Path file, StoreOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        return new Store(Database.open(file, options, false), options);
    }

    /**
     * Opens an existing store for reading only: every write fails with {@link StoreReadOnlyException}. Safe while
     * another process records into the file.
     *
     * @throws StoreException if there is no store at {@code file}
     */
    public static Store openReadOnly(Path file) {
        Objects.requireNonNull(file, "file");
        return new Store(Database.open(file, StoreOptions.DEFAULTS, true), StoreOptions.DEFAULTS);
    }

    /** The database file. */
    public Path file() {
        return db.file();
    }

    /** Whether this store was opened with {@link #openReadOnly(Path)}. */
    public boolean isReadOnly() {
        return db.readOnly();
    }

    /**
     * The stream {@code name}, created with {@code type} if it does not exist.
     *
     * @throws StreamTypeMismatchException if the stream exists with another payload type or codec
     * @throws NoSuchStreamException if the store is read-only and has no such stream
     * @throws IllegalArgumentException if the name is empty or longer than 200 characters
     * @throws StoreException if the store is closed
     */
    public <T> StoreStream<T> stream(String name, StreamType<T> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("a stream name has 1 to 200 characters, was '" + name + "'");
        }
        db.ensureOpen();
        StreamState state = states.get(name);
        if (state == null) {
            state = load(name, type);
            StreamState raced = states.putIfAbsent(name, state);
            state = raced != null ? raced : state;
        }
        checkType(name, state.row.payloadType(), state.row.codec(), type);
        return new StoreStream<>(this, db, state, type, options);
    }

    private StreamState load(String name, StreamType<?> type) {
        Optional<Sql.StreamRow> row = db.read("open stream '" + name + "'", c -> Sql.findStream(c, name));
        Sql.StreamRow streamRow;
        if (row.isPresent()) {
            streamRow = row.get();
        } else if (db.readOnly() || type.isView()) {
            throw new NoSuchStreamException("store " + db.file() + " has no stream '" + name + "'");
        } else {
            checkType(name, type.payloadType(), type.codec(), type);
            streamRow = db.writeNow("create stream '" + name + "'", c -> {
                Optional<Sql.StreamRow> raced = Sql.findStream(c, name);
                if (raced.isPresent()) {
                    return raced.get();
                }
                long id = Sql.createStream(c, name, type, Timestamps.toNanos(Instant.now()));
                return new Sql.StreamRow(id, name, type.payloadType(), type.codec(), type.configJson());
            });
        }
        return new StreamState(streamRow);
    }

    private static void checkType(String name, String payloadType, String codec, StreamType<?> requested) {
        if (requested.isView()) {
            return;
        }
        if (!payloadType.equals(requested.payloadType()) || !codec.equals(requested.codec())) {
            throw new StreamTypeMismatchException("stream '" + name + "' was created with payload type '"
                    + payloadType + "' and codec '" + codec + "' but opened as " + requested.payloadType() + "/"
                    + requested.codec());
        }
    }

    /** Every stream of the store with its counts (short blocking queries). */
    public List<StreamInfo> streams() {
        return db.read("list streams", c -> {
            List<StreamInfo> out = new ArrayList<>();
            for (Sql.StreamRow r : Sql.allStreams(c)) {
                out.add(info(r, Sql.summary(c, r.id())));
            }
            return out;
        });
    }

    /** The stream {@code name}'s info, if it exists (a short blocking query). */
    public Optional<StreamInfo> info(String name) {
        return db.read("describe stream '" + name + "'", c -> {
            Optional<Sql.StreamRow> r = Sql.findStream(c, name);
            return r.isEmpty() ? Optional.<StreamInfo>empty()
                    : Optional.of(info(r.get(), Sql.summary(c, r.get().id())));
        });
    }

    private static StreamInfo info(Sql.StreamRow r, Sql.Summary s) {
        return new StreamInfo(r.name(), r.payloadType(), r.codec(), r.config(), s.count(), s.bytes(),
                Optional.ofNullable(s.firstNanos()).map(Timestamps::fromNanos),
                Optional.ofNullable(s.lastNanos()).map(Timestamps::fromNanos), s.keyframes());
    }

    /**
     * Replays several streams together on one clock: rows of all streams merged in timestamp order, each emitted at
     * its recorded offset from the first one, divided by the speed (see {@link ReplayOptions}). The clock is
     * {@code Schedulers.parallel()}, so {@code StepVerifier.withVirtualTime} drives it. Cold; cancel stops it. A
     * subscriber falling behind delays the rows that follow (nothing is dropped); decoded {@link Frame}s are the
     * subscriber's to release, and frames still queued at cancellation are released.
     */
    public Flux<Stored<?>> replay(ReplayOptions options, StoreStream<?>... streams) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(streams, "streams");
        if (streams.length == 0) {
            return Flux.error(new IllegalArgumentException("replay needs at least one stream"));
        }
        List<StoreStream<?>> list = List.of(streams);
        Flux<Stored<?>> once = Flux.defer(() -> replayOnce(options, list));
        return (options.loop() ? once.repeat() : once)
                .doOnDiscard(Stored.class, s -> {
                    if (s.value() instanceof Frame f && f.refCount() > 0) {
                        f.release();
                    }
                });
    }

    private static Flux<Stored<?>> replayOnce(ReplayOptions options, List<StoreStream<?>> streams) {
        Scheduler clock = Schedulers.parallel();
        Query query = Query.ALL.withFrom(options.from());
        Comparator<Stored<?>> byTime = Comparator.comparing(Stored::timestamp);
        Flux<Stored<?>> merged = null;
        for (StoreStream<?> s : streams) {
            Flux<Stored<?>> rows = s.read(query).map(x -> (Stored<?>) x);
            merged = merged == null ? rows : merged.mergeComparingWith(rows, byTime);
        }
        long[] anchor = {Long.MIN_VALUE, 0}; // {base timestamp in ns, start time on the clock in ns}
        boolean fromGiven = !options.from().equals(Instant.MIN);
        return merged.concatMap(item -> {
            long ts = Timestamps.toNanos(item.timestamp());
            if (anchor[0] == Long.MIN_VALUE) {
                anchor[0] = fromGiven ? Math.min(ts, Timestamps.toNanosSaturated(options.from())) : ts;
                anchor[1] = clock.now(TimeUnit.NANOSECONDS);
            }
            long due = anchor[1] + (long) ((ts - anchor[0]) / options.speed());
            long wait = due - clock.now(TimeUnit.NANOSECONDS);
            return wait <= 0 ? Mono.just(item) : Mono.delay(Duration.ofNanos(wait), clock).thenReturn(item);
        });
    }

    Database database() {
        return db;
    }

    /** Closes the file: checkpoints the WAL into it and frees connections. Idempotent. */
    @Override
    public void close() {
        db.close();
    }

    @Override
    public String toString() {
        return "Store[" + db.file() + (db.readOnly() ? ", read-only]" : "]");
    }
}
