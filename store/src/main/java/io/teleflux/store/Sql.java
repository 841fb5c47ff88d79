package io.teleflux.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The store's SQL, one static method per statement. */
final class Sql {

    static final String KEYFRAME_BEFORE = "SELECT seq FROM entries INDEXED BY entries_keyframes"
            + " WHERE stream_id = ? AND keyframe = 1 AND seq <= ? ORDER BY seq DESC LIMIT 1";

    private static final String COLUMNS = "id, seq, ts_ns, keyframe, frame_seq, keyframe_seq, pts, width, height, data";

    private Sql() {
    }

    /** The stream row: id, payload type, codec, config; empty if absent. */
    record StreamRow(long id, String name, String payloadType, String codec, String config) {
    }

    static Optional<StreamRow> findStream(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, name, payload_type, codec, config FROM streams WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(streamRow(rs)) : Optional.empty();
            }
        }
    }

    static List<StreamRow> allStreams(Connection c) throws SQLException {
        List<StreamRow> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, payload_type, codec, config FROM streams ORDER BY name")) {
            while (rs.next()) {
                out.add(streamRow(rs));
            }
        }
        return out;
    }

    private static StreamRow streamRow(ResultSet rs) throws SQLException {
        return new StreamRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }

    static long createStream(Connection c, String name, StreamType<?> type, long nowNanos) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO streams(name, payload_type, codec, config,"
                + " created_ns) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, name);
            s.setString(2, type.payloadType());
            s.setString(3, type.codec());
            s.setString(4, type.configJson());
            s.setLong(5, nowNanos);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    static long nextSeq(Connection c, long streamId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT max(seq) FROM entries WHERE stream_id = ?")) {
            s.setLong(1, streamId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long max = rs.getLong(1);
                return rs.wasNull() ? 0 : max + 1;
            }
        }
    }

    /** Inserts {@code rows} with seqs {@code firstSeq, firstSeq+1, …} (in the caller's transaction). */
    static void insert(Connection c, long streamId, long firstSeq, List<RowData> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO entries(stream_id, seq, ts_ns, keyframe,"
                + " frame_seq, keyframe_seq, pts, width, height, size, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS);
             PreparedStatement tag = c.prepareStatement(
                     "INSERT INTO tags(row_id, stream_id, key, value) VALUES (?, ?, ?, ?)")) {
            long seq = firstSeq;
            for (RowData row : rows) {
                RowData.VideoMeta v = row.video();
                s.setLong(1, streamId);
                s.setLong(2, seq++);
                s.setLong(3, row.tsNanos());
                s.setInt(4, v != null && v.keyframe() ? 1 : 0);
                s.setLong(5, v == null ? 0 : v.frameSeq());
                s.setLong(6, v == null ? 0 : v.keyframeSeq());
                s.setLong(7, v == null ? 0 : v.pts());
                s.setInt(8, v == null ? 0 : v.width());
                s.setInt(9, v == null ? 0 : v.height());
                s.setInt(10, row.data().length);
                s.setBytes(11, row.data());
                s.executeUpdate();
                if (!row.tags().isEmpty()) {
                    long rowId;
                    try (ResultSet keys = s.getGeneratedKeys()) {
                        keys.next();
                        rowId = keys.getLong(1);
                    }
                    for (Map.Entry<String, String> t : row.tags().entrySet()) {
                        tag.setLong(1, rowId);
                        tag.setLong(2, streamId);
                        tag.setString(3, t.getKey());
                        tag.setString(4, t.getValue());
                        tag.executeUpdate();
                    }
                }
            }
        }
    }

    /** The selection a reader walks through, in seq order. */
    record Selection(long streamId, long afterSeq, long beforeSeq, long fromNanos, long untilNanos, String tagKey,
                     String tagValue) {

        Selection after(long seq) {
            return new Selection(streamId, seq, beforeSeq, fromNanos, untilNanos, tagKey, tagValue);
        }

        private String where() {
            return "stream_id = ? AND seq > ? AND seq < ? AND ts_ns >= ? AND ts_ns < ?"
                    + (tagKey == null ? "" : " AND id IN (SELECT row_id FROM tags WHERE stream_id = ? AND key = ?"
                    + " AND value = ?)");
        }

        private int bind(PreparedStatement s) throws SQLException {
            int i = 1;
            s.setLong(i++, streamId);
            s.setLong(i++, afterSeq);
            s.setLong(i++, beforeSeq);
            s.setLong(i++, fromNanos);
            s.setLong(i++, untilNanos);
            if (tagKey != null) {
                s.setLong(i++, streamId);
                s.setString(i++, tagKey);
                s.setString(i++, tagValue);
            }
            return i;
        }
    }

    /** The seq after which the last {@code n} rows of {@code sel} start (so {@code sel.after(result)} has n rows). */
    static long seqBeforeLast(Connection c, Selection sel, int n) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT seq FROM entries WHERE " + sel.where()
                + " ORDER BY seq DESC LIMIT 1 OFFSET ?")) {
            int i = sel.bind(s);
            s.setInt(i, n - 1);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) - 1 : sel.afterSeq();
            }
        }
    }

    /** Up to {@code limit} rows of {@code sel} in seq order, with their tags. */
    static List<Row> page(Connection c, Selection sel, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>(limit);
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM entries WHERE " + sel.where()
                + " ORDER BY seq LIMIT ?")) {
            int i = sel.bind(s);
            s.setInt(i, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4) != 0, rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getInt(8), rs.getInt(9), rs.getBytes(10), Map.of()));
                }
            }
        }
        return rows.isEmpty() ? rows : withTags(c, sel.streamId(), rows);
    }

    private static List<Row> withTags(Connection c, long streamId, List<Row> rows) throws SQLException {
        long minId = Long.MAX_VALUE;
        long maxId = Long.MIN_VALUE;
        for (Row r : rows) {
            minId = Math.min(minId, r.id());
            maxId = Math.max(maxId, r.id());
        }
        Map<Long, Map<String, String>> tags = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT row_id, key, value FROM tags WHERE row_id BETWEEN ? AND ? AND stream_id = ?")) {
            s.setLong(1, minId);
            s.setLong(2, maxId);
            s.setLong(3, streamId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tags.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
        }
        if (tags.isEmpty()) {
            return rows;
        }
        List<Row> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Map<String, String> t = tags.get(r.id());
            out.add(t == null ? r : r.withTags(t));
        }
        return out;
    }

    /** The seq of the last keyframe at or before {@code seq}, through the partial keyframe index; -1 if none. */
    static long keyframeAtOrBefore(Connection c, long streamId, long seq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(KEYFRAME_BEFORE)) {
            s.setLong(1, streamId);
            s.setLong(2, seq);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** Count, bytes, first and last timestamp, keyframes. */
    record Summary(long count, long bytes, Long firstNanos, Long lastNanos, long keyframes) {
    }

    static Summary summary(Connection c, long streamId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*), coalesce(sum(size), 0), min(ts_ns),"
                + " max(ts_ns), coalesce(sum(keyframe), 0) FROM entries WHERE stream_id = ?")) {
            s.setLong(1, streamId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long count = rs.getLong(1);
                return new Summary(count, rs.getLong(2), count == 0 ? null : rs.getLong(3),
                        count == 0 ? null : rs.getLong(4), rs.getLong(5));
            }
        }
    }
}
