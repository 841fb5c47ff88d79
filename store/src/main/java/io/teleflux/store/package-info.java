/**
 * Recording and replay: an embedded SQLite store (xerial sqlite-jdbc, WAL) holding many named streams in one file.
 *
 * <h2>Model</h2>
 * A {@link io.teleflux.store.Store} is one file; {@link io.teleflux.store.Store#stream(String,
 * io.teleflux.store.StreamType)} gives a {@link io.teleflux.store.StoreStream} whose payload type and codec are chosen
 * at creation and recorded with it ({@link io.teleflux.store.StreamType}: LCM/JSON messages, raw bytes, JPEG frames,
 * H.264 frames or pre-encoded access units). Reopening with another type is a
 * {@link io.teleflux.store.StreamTypeMismatchException}.
 *
 * <h2>Schema</h2>
 * <pre>
 * streams(id, name UNIQUE, payload_type, codec, config JSON, created_ns)
 * entries(id, stream_id, seq, ts_ns, keyframe, frame_seq, keyframe_seq, pts, width, height, size, data BLOB)
 *   UNIQUE (stream_id, seq); (stream_id, ts_ns); (stream_id, seq) WHERE keyframe = 1   -- the seek index
 * tags(row_id, stream_id, key, value)   (stream_id, key, value, row_id); (row_id)
 * </pre>
 * {@code PRAGMA user_version} holds the schema version (1). Timestamps are nanoseconds since the epoch; H.264 rows
 * keep the encoder's {@code seq}, keyframe flag, {@code keyframe_seq}, 90 kHz {@code pts}, size and dimensions in
 * columns, so a file is readable with plain SQL.
 *
 * <h2>Writing</h2>
 * {@link io.teleflux.store.StoreStream#record(org.reactivestreams.Publisher)} returns a cold {@code Mono<Void>}; rows
 * are committed in batches (group commit, {@link io.teleflux.store.StoreOptions}) on one writer thread; the disk's
 * pace reaches the producer through bounded requests, and producers that cannot wait choose an overflow policy
 * ({@link io.teleflux.store.RecordOptions}) whose drops are counted.
 *
 * <h2>Reading</h2>
 * By time range, tag or latest N ({@link io.teleflux.store.Query}), by position
 * ({@link io.teleflux.store.StoreStream#at(long)}: a random seek through the keyframe index for H.264), and replay
 * with the original timing, several streams on one clock ({@link io.teleflux.store.Store#replay}).
 *
 * <h2>Failures</h2>
 * {@link io.teleflux.store.StoreFullException} (disk full or size limit), {@link
 * io.teleflux.store.StoreReadOnlyException}, {@link io.teleflux.store.RecordOverflowException}, {@link
 * io.teleflux.store.NoSuchStreamException}, all {@link io.teleflux.store.StoreException}s. A process killed while
 * recording leaves a readable file without the rows that were not yet committed.
 */
package io.teleflux.store;
