package io.teleflux.broker.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Tells who a request comes from, without outside services: robots by {@code X-Robot-API-Key} (looked up by hash in
 * the {@link KeyStore}), operators by {@code Authorization: Bearer} (a static dev token, or an HS256 JWT signed with
 * the configured secret whose {@code sub} is the email). Failures are 401 with a {@code detail}.
 */
final class Authenticator {

    static final String ROBOT_KEY_HEADER = "X-Robot-API-Key";

    private final KeyStore keys;
    private final Scheduler database;
    private final Hs256Jwt jwt;
    private final Map<String, String> devTokens;
    private final Set<String> admins;
    private final Clock clock;

    Authenticator(KeyStore keys, Scheduler database, Hs256Jwt jwt, Map<String, String> devTokens, Set<String> admins,
            Clock clock) {
        this.keys = keys;
        this.database = database;
        this.jwt = jwt;
        this.devTokens = devTokens;
        this.admins = admins;
        this.clock = clock;
    }

    /** The robot whose API key the request carries, or 401. */
    Mono<Identity.Robot> robot(HttpServerRequest request) {
        String key = request.requestHeaders().get(ROBOT_KEY_HEADER);
        if (key == null || key.isBlank()) {
            return Mono.error(ApiException.unauthorized("Missing " + ROBOT_KEY_HEADER + " header"));
        }
        return Mono.fromCallable(() -> keys.authenticate(key.strip(), clock.instant()))
                .subscribeOn(database)
                .flatMap(found -> found
                        .map(k -> Mono.just(new Identity.Robot(k.id(), k.owner(), k.robotId())))
                        .orElseGet(() -> Mono.error(ApiException.unauthorized("Invalid API key"))));
    }

    /** The operator whose bearer token the request carries, or 401. */
    Mono<Identity.Operator> operator(HttpServerRequest request) {
        return Mono.fromCallable(() -> operatorNow(request));
    }

    /** A robot if the request has a robot key header, else an operator. */
    Mono<Identity> robotOrOperator(HttpServerRequest request) {
        if (request.requestHeaders().contains(ROBOT_KEY_HEADER)) {
            return robot(request).cast(Identity.class);
        }
        return operator(request).cast(Identity.class);
    }

    private Identity.Operator operatorNow(HttpServerRequest request) {
        String header = request.requestHeaders().get("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("Missing bearer token");
        }
        String token = header.substring(7).strip();
        String devEmail = devTokens.get(token);
        if (devEmail != null) {
            return new Identity.Operator(devEmail, admins.contains(devEmail));
        }
        Optional<JsonNode> claims = jwt.verify(token, clock.instant());
        if (claims.isEmpty()) {
            throw ApiException.unauthorized("Invalid or expired token");
        }
        String email = claims.get().path("sub").asText();
        boolean admin = admins.contains(email) || "admin".equals(claims.get().path("role").asText());
        return new Identity.Operator(email, admin);
    }
}
