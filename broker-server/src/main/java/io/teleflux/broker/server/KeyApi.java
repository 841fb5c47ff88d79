package io.teleflux.broker.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerRequest;

/** The operator's key and identity endpoints: {@code /keys} and {@code /auth/*}. */
final class KeyApi {

    private static final Logger log = LoggerFactory.getLogger(KeyApi.class);
    private static final Pattern ROBOT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Authenticator auth;
    private final KeyStore keys;
    private final Scheduler database;
    private final boolean dev;
    private final RateLimiter limits;
    private final Clock clock;

    KeyApi(Authenticator auth, KeyStore keys, Scheduler database, boolean dev, RateLimiter limits, Clock clock) {
        this.auth = auth;
        this.keys = keys;
        this.database = database;
        this.dev = dev;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * {@code POST /keys {name, robot_id?}}: the key is shown once. {@code robot_id} defaults to {@code name} with
     * characters outside {@code [A-Za-z0-9._-]} replaced by {@code -}.
     */
    Mono<Exchange.Reply> create(HttpServerRequest request) {
        return auth.operator(request).flatMap(operator -> Exchange.body(request).defaultIfEmpty("").flatMap(text -> {
            limits.check(RateLimiter.Route.KEYS_WRITE, "operator " + operator.email());
            JsonNode body = Json.parseObject(text, false);
            String name = Json.requiredString(body, "name");
            String robotId = Json.optionalString(body, "robot_id", defaultRobotId(name));
            validate(name, robotId);
            return Mono.fromCallable(() -> keys.create(operator.email(), name, robotId, dev, clock.instant()))
                    .subscribeOn(database)
                    .map(key -> {
                        log.info("operator {} created robot key {} ({}) for {}", operator.email(), key.id(),
                                key.keyPrefix(), key.robotId());
                        return Exchange.Reply.created(Json.object()
                                .put("id", key.id())
                                .put("name", key.name())
                                .put("key_prefix", key.keyPrefix())
                                .put("robot_id", key.robotId())
                                .put("api_key", key.apiKey())
                                .put("created_at", key.createdAt().toString()));
                    });
        }));
    }

    /** {@code GET /keys}: the caller's live keys (every owner's for an admin). */
    Mono<Exchange.Reply> list(HttpServerRequest request) {
        return auth.operator(request).flatMap(operator ->
                Mono.fromCallable(() -> keys.list(operator.admin() ? null : operator.email()))
                        .subscribeOn(database)
                        .map(list -> {
                            ArrayNode array = Json.array();
                            for (KeyStore.StoredKey k : list) {
                                array.addObject()
                                        .put("id", k.id())
                                        .put("name", k.name())
                                        .put("key_prefix", k.keyPrefix())
                                        .put("robot_id", k.robotId())
                                        .put("last_used_at", k.lastUsedAt() == null ? null
                                                : k.lastUsedAt().toString())
                                        .put("created_at", k.createdAt().toString());
                            }
                            ObjectNode reply = Json.object();
                            reply.set("keys", array);
                            return Exchange.Reply.ok(reply);
                        }));
    }

    /** {@code DELETE /keys/{id}}: 204, or 404 when there is no such live key of the caller. */
    Mono<Exchange.Reply> revoke(HttpServerRequest request, String id) {
        return auth.operator(request).doOnNext(operator ->
                limits.check(RateLimiter.Route.KEYS_WRITE, "operator " + operator.email())).flatMap(operator ->
                Mono.fromCallable(() -> keys.revoke(id, operator.admin() ? null : operator.email(), clock.instant()))
                        .subscribeOn(database)
                        .map(revoked -> {
                            if (!revoked) {
                                throw ApiException.notFound("Key not found or already revoked");
                            }
                            log.info("operator {} revoked robot key {}", operator.email(), id);
                            return Exchange.Reply.noContent();
                        }));
    }

    /** {@code GET /auth/me}. */
    Mono<Exchange.Reply> me(HttpServerRequest request) {
        return auth.operator(request).map(operator -> Exchange.Reply.ok(Json.object()
                .put("sub", operator.email())
                .put("role", operator.admin() ? "admin" : "user")
                .put("cognito_sub", operator.email())));
    }

    /** {@code GET /auth/config}: there is no identity provider; the page asks for a token instead. */
    Mono<Exchange.Reply> config() {
        return Mono.just(Exchange.Reply.ok(Json.object()
                .putNull("region")
                .putNull("user_pool_id")
                .putNull("client_id")
                .put("auth", "bearer")));
    }

    private static String defaultRobotId(String name) {
        String id = name.strip().replaceAll("[^A-Za-z0-9._-]+", "-");
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    private static void validate(String name, String robotId) {
        if (name.length() > 128) {
            throw ApiException.unprocessable("Field 'name' must be at most 128 characters");
        }
        if (!ROBOT_ID.matcher(robotId).matches()) {
            throw ApiException.unprocessable("Field 'robot_id' must be 1-64 characters of letters, digits, '.', "
                    + "'_' or '-', was '" + robotId + "'");
        }
    }
}
