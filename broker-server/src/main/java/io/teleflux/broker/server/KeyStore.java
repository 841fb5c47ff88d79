package io.teleflux.broker.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Robot API keys in SQLite ({@code <data dir>/broker.db}, or an in-memory database without a data directory). Only the
 * SHA-256 hash of a key and its first 14 characters are stored. Every method blocks on JDBC; the server calls them on
 * its database scheduler. Methods are synchronized: one connection, one statement at a time.
 */
final class KeyStore implements AutoCloseable {

    /** Characters of a key kept in clear, as in the hosted broker. */
    static final int PREFIX_LENGTH = 14;

    /** How stale {@code last_used_at} may get before a use rewrites it. */
    static final java.time.Duration LAST_USED_RESOLUTION = java.time.Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored key, without its secret. */
    record StoredKey(String id, String owner, String name, String keyPrefix, String robotId, Instant createdAt,
            Instant lastUsedAt) {
    }

    private final Connection connection;

    private KeyStore(Connection connection) {
        this.connection = connection;
    }

    /** Opens (and creates if needed) the key table in {@code dataDir/broker.db}, or in memory when {@code null}. */
    static KeyStore open(Path dataDir) throws SQLException, IOException {
        String url;
        if (dataDir == null) {
            url = "jdbc:sqlite::memory:";
        } else {
            Files.createDirectories(dataDir);
            url = "jdbc:sqlite:" + dataDir.resolve("broker.db").toAbsolutePath();
        }
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE IF NOT EXISTS api_keys ("
                    + "id TEXT PRIMARY KEY, owner TEXT NOT NULL, name TEXT NOT NULL, key_prefix TEXT NOT NULL, "
                    + "key_hash TEXT NOT NULL UNIQUE, robot_id TEXT NOT NULL, created_at INTEGER NOT NULL, "
                    + "last_used_at INTEGER, revoked_at INTEGER)");
            s.execute("CREATE INDEX IF NOT EXISTS api_keys_owner ON api_keys(owner)");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new KeyStore(c);
    }

    /** Creates a key for {@code owner}; {@code robotId} is the un-namespaced robot id. */
    synchronized RobotKey create(String owner, String name, String robotId, boolean dev, Instant now)
            throws SQLException {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        String apiKey = (dev ? "dtk_dev_" : "dtk_live_") + HexFormat.of().formatHex(secret);
        String id = UUID.randomUUID().toString();
        String namespaced = owner + ":" + robotId;
        Instant created = Instant.ofEpochMilli(now.toEpochMilli());
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO api_keys "
                + "(id, owner, name, key_prefix, key_hash, robot_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, owner);
            ps.setString(3, name);
            ps.setString(4, apiKey.substring(0, PREFIX_LENGTH));
            ps.setString(5, sha256(apiKey));
            ps.setString(6, namespaced);
            ps.setLong(7, created.toEpochMilli());
            ps.executeUpdate();
        }
        return new RobotKey(id, name, apiKey.substring(0, PREFIX_LENGTH), namespaced, apiKey, created);
    }

    /**
     * The live (not revoked) key whose hash matches {@code apiKey}; records the use at most once per
     * {@link #LAST_USED_RESOLUTION} (a robot authenticates every heartbeat).
     */
    synchronized Optional<StoredKey> authenticate(String apiKey, Instant now) throws SQLException {
        Optional<StoredKey> key;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT * FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")) {
            ps.setString(1, sha256(apiKey));
            try (ResultSet rs = ps.executeQuery()) {
                key = rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
        Instant lastUsed = key.map(StoredKey::lastUsedAt).orElse(null);
        if (key.isPresent() && (lastUsed == null || lastUsed.plus(LAST_USED_RESOLUTION).isBefore(now))) {
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE api_keys SET last_used_at = ? WHERE id = ?")) {
                ps.setLong(1, now.toEpochMilli());
                ps.setString(2, key.get().id());
                ps.executeUpdate();
            }
        }
        return key;
    }

    /** The live keys of {@code owner}, or of every owner when {@code owner} is {@code null}; oldest first. */
    synchronized List<StoredKey> list(String owner) throws SQLException {
        String sql = "SELECT * FROM api_keys WHERE revoked_at IS NULL"
                + (owner == null ? "" : " AND owner = ?") + " ORDER BY created_at, id";
        List<StoredKey> keys = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (owner != null) {
                ps.setString(1, owner);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(row(rs));
                }
            }
        }
        return keys;
    }

    /**
     * Revokes key {@code id} of {@code owner} (any owner's when {@code owner} is {@code null}); false if there is no
     * such live key.
     */
    synchronized boolean revoke(String id, String owner, Instant now) throws SQLException {
        String sql = "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"
                + (owner == null ? "" : " AND owner = ?");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, id);
            if (owner != null) {
                ps.setString(3, owner);
            }
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }

    static String sha256(String apiKey) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static StoredKey row(ResultSet rs) throws SQLException {
        long lastUsed = rs.getLong("last_used_at");
        Instant lastUsedAt = rs.wasNull() ? null : Instant.ofEpochMilli(lastUsed);
        return new StoredKey(rs.getString("id"), rs.getString("owner"), rs.getString("name"),
                rs.getString("key_prefix"), rs.getString("robot_id"), Instant.ofEpochMilli(rs.getLong("created_at")),
                lastUsedAt);
    }
}
