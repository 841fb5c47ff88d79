package io.teleflux.broker.server;

import java.time.Instant;
import java.util.Objects;

/**
 * A robot API key just created (by {@link BrokerServer#createRobotKey}, {@code POST /api/v1/keys} or
 * {@code BrokerMain --create-key}). The broker keeps only the key's SHA-256 hash, so {@link #apiKey()} is shown once.
 *
 * @param id        the key's id, for {@code DELETE /api/v1/keys/{id}}
 * @param name      a human name for the key
 * @param keyPrefix the key's first 14 characters, kept to recognise it in listings
 * @param robotId   the robot identity the key authenticates as, namespaced {@code "<owner email>:<robot id>"}
 * @param apiKey    the secret: {@code dtk_live_<40 hex>} ({@code dtk_dev_<40 hex>} in development mode), sent by the
 *                  robot as {@code X-Robot-API-Key}
 * @param createdAt when it was created
 */
public record RobotKey(String id, String name, String keyPrefix, String robotId, String apiKey, Instant createdAt) {

    public RobotKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(robotId, "robotId");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "RobotKey{id=" + id + ", name=" + name + ", keyPrefix=" + keyPrefix + ", robotId=" + robotId
                + ", createdAt=" + createdAt + ", apiKey=(hidden)}";
    }
}
