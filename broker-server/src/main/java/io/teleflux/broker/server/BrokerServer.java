package io.teleflux.broker.server;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * An embeddable teleop broker: the hosted-teleop REST API under {@code /api/v1} (plus {@code GET /health}), robot API
 * keys in SQLite, operator bearer tokens (HS256 JWT or static dev tokens), owner-scoped in-memory sessions with one
 * operator each, heartbeat liveness, a built-in WebRTC relay in the SFU's place, and the browser operator page at
 * {@code /}.
 *
 * <pre>{@code
 * BrokerServer broker = BrokerServer.start(BrokerOptions.defaults().withPort(0).withDataDir(dir)).block();
 * RobotKey key = broker.createRobotKey("alice@example.org", "go2", "go2").block();
 * String token = broker.issueOperatorToken("alice@example.org", Duration.ofHours(1));
 * // robots: X-Robot-API-Key: key.apiKey(); operators: Authorization: Bearer token; base broker.baseUri()
 * broker.disposeNow();
 * }</pre>
 *
 * <p>Peer connections are created only when a robot registers, so a broker that serves no robot never loads
 * libwebrtc. {@link #disposeNow()} (or {@link #disposeLater()}) closes every session and peer connection, the HTTP
 * server and the key database.
 */
public final class BrokerServer implements Disposable {

    private static final Logger log = LoggerFactory.getLogger(BrokerServer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final BrokerOptions options;
    private final Scheduler database;
    private final KeyStore keys;
    private final Relay relay;
    private final SessionRegistry sessions;
    private final Reaper reaper;
    private final Hs256Jwt jwt;
    private final Sinks.Empty<Void> disposed = Sinks.empty();
    private volatile DisposableServer http;
    private volatile Disposable reaperTask;
    private volatile boolean disposing;

    private BrokerServer(BrokerOptions options, Scheduler database, KeyStore keys) {
        this.options = options;
        this.database = database;
        this.keys = keys;
        this.relay = new WebRtcRelay(options);
        this.sessions = new SessionRegistry();
        this.reaper = new Reaper(sessions, options);
        this.jwt = new Hs256Jwt(options.jwtSecret());
    }

    /**
     * Starts a broker: opens the key database, binds the HTTP server and starts the reaper. Cold: each subscription
     * starts a new broker. Fails if the port is taken or the data directory is unusable.
     */
    public static Mono<BrokerServer> start(BrokerOptions options) {
        Objects.requireNonNull(options, "options");
        return Mono.defer(() -> {
            Scheduler database = Schedulers.newSingle("teleflux-broker-db", true);
            return Mono.fromCallable(() -> KeyStore.open(options.dataDir().orElse(null)))
                    .subscribeOn(database)
                    .flatMap(keys -> {
                        BrokerServer server = new BrokerServer(options, database, keys);
                        return server.bind()
                                .thenReturn(server)
                                .onErrorResume(e -> server.disposeLater().then(Mono.error(e)));
                    })
                    .doOnError(e -> database.dispose());
        });
    }

    private Mono<Void> bind() {
        Authenticator auth = new Authenticator(keys, database, jwt, options.devTokens(), Set.copyOf(options.admins()),
                options.clock());
        RateLimiter limits = new RateLimiter(options.rateLimitsEnforced(), options.clock());
        SessionApi api = new SessionApi(options, auth, sessions, relay, limits);
        KeyApi keyApi = new KeyApi(auth, keys, database, options.dev(), limits, options.clock());
        StaticPages pages = new StaticPages(Schedulers.boundedElastic());
        return HttpServer.create()
                .host(options.host())
                .port(options.port())
                .route(routes -> routes(routes, api, keyApi, pages))
                .bind()
                .doOnNext(server -> {
                    this.http = server;
                    this.reaperTask = reaper.schedule(options.reaperInterval(), Schedulers.parallel());
                    log.info("teleflux broker listening on {}", baseUri());
                })
                .then();
    }

    private void routes(HttpServerRoutes r, SessionApi api, KeyApi keys, StaticPages pages) {
        String v1 = "/api/v1";
        r.get("/health", json(req -> Mono.just(Exchange.Reply.ok(Json.object()
                        .put("status", "ok")
                        .put("service", "teleflux-broker")
                        .put("environment", options.dev() ? "dev" : "production")))))
                .get(v1 + "/auth/config", json(req -> keys.config()))
                .get(v1 + "/auth/me", json(keys::me))
                .post(v1 + "/keys", json(keys::create))
                .get(v1 + "/keys", json(keys::list))
                .delete(v1 + "/keys/{id}", json(req -> keys.revoke(req, req.param("id"))))
                .get(v1 + "/sessions/turn-credentials", json(api::turnCredentials))
                .post(v1 + "/sessions", json(api::register))
                .get(v1 + "/sessions", json(api::list))
                .post(v1 + "/sessions/{id}/heartbeat", json(req -> api.heartbeat(req, req.param("id"))))
                .delete(v1 + "/sessions/{id}", json(req -> api.delete(req, req.param("id"))))
                .post(v1 + "/sessions/{id}/renegotiate-robot", json(req -> api.renegotiateRobot(req, req.param("id"))))
                .post(v1 + "/sessions/{id}/join", json(req -> api.join(req, req.param("id"))))
                .post(v1 + "/sessions/{id}/bridge-datachannel", json(req -> api.bridge(req, req.param("id"))))
                .post(v1 + "/sessions/{id}/renegotiate-answer",
                        json(req -> api.renegotiateAnswer(req, req.param("id"))))
                .post(v1 + "/sessions/{id}/op-heartbeat", json(req -> api.operatorHeartbeat(req, req.param("id"))))
                .post(v1 + "/sessions/{id}/leave", json(req -> api.leave(req, req.param("id"))))
                .get(v1 + "/sessions/{id}/status", json(req -> api.status(req, req.param("id"))))
                .route(StaticPages::handles, pages::serve)
                .route(req -> true, json(req -> Mono.just(Exchange.error(
                        io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND, "Not Found"))));
    }

    private static BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> json(
            Function<HttpServerRequest, Mono<Exchange.Reply>> handler) {
        return (req, res) -> Exchange.respond(req, res, Mono.defer(() -> handler.apply(req)));
    }

    /** The bound port (the actual one when the options asked for 0). */
    public int port() {
        return http.port();
    }

    /** The bound host, as configured. */
    public String host() {
        return options.host();
    }

    /** {@code http://<host>:<port>}; the operator page is at {@code /}, the API under {@code /api/v1}. */
    public URI baseUri() {
        String host = options.host();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    /** The options this broker runs with. */
    public BrokerOptions options() {
        return options;
    }

    /**
     * Creates a robot API key owned by {@code ownerEmail}, as {@code POST /api/v1/keys} does; {@code robotId} is the
     * robot's own id (namespaced as {@code "<owner>:<robotId>"}).
     */
    public Mono<RobotKey> createRobotKey(String ownerEmail, String name, String robotId) {
        Objects.requireNonNull(ownerEmail, "ownerEmail");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(robotId, "robotId");
        return Mono.fromCallable(() -> keys.create(ownerEmail, name, robotId, options.dev(), options.clock().instant()))
                .subscribeOn(database);
    }

    /** An HS256 operator token for {@code email}, valid for {@code ttl} from now (by the options' clock). */
    public String issueOperatorToken(String email, Duration ttl) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        Instant now = options.clock().instant();
        return jwt.sign(email, now, now.plus(ttl), options.admins().contains(email));
    }

    /** Runs one reaper pass now; tests drive liveness with an injected clock. Returns how many sessions it touched. */
    int reapNow() {
        return reaper.reapNow();
    }

    /** Peer connections the relay holds now: one per robot and one per bridged operator (for monitoring). */
    public int livePeerConnections() {
        return relay.livePeerConnections();
    }

    /** Completes when the broker has stopped. */
    public Mono<Void> onDispose() {
        return disposed.asMono();
    }

    /** Stops the broker without blocking; see {@link #disposeLater()}. */
    @Override
    public void dispose() {
        disposeLater().subscribe(null, e -> log.warn("stopping the broker failed", e));
    }

    @Override
    public boolean isDisposed() {
        return disposing;
    }

    /** Stops and blocks until done (at most 10 s for the HTTP server and again for the relay). */
    public void disposeNow() {
        disposeLater().block(STOP_TIMEOUT.multipliedBy(3));
    }

    /**
     * Stops when subscribed: the reaper, the HTTP server, every session (operators and robots lose their relay legs),
     * the relay's native resources, the key database. Completes when all are released; idempotent.
     */
    public Mono<Void> disposeLater() {
        return Mono.defer(() -> {
            synchronized (this) {
                if (disposing) {
                    return disposed.asMono();
                }
                disposing = true;
            }
            return Mono.fromRunnable(this::stopAccepting)
                    .subscribeOn(Schedulers.boundedElastic())
                    .then(Mono.fromRunnable(() -> sessions.disconnectAll(options.clock().instant())
                            .forEach(BrokerSession.Detached::close)))
                    .then(relay.close())
                    .then(Mono.fromCallable(() -> {
                        keys.close();
                        return true;
                    }).subscribeOn(database))
                    .doFinally(signal -> {
                        database.dispose();
                        disposed.tryEmitEmpty();
                        log.info("teleflux broker stopped");
                    })
                    .then();
        });
    }

    private void stopAccepting() {
        Disposable task = reaperTask;
        if (task != null) {
            task.dispose();
        }
        DisposableServer server = http;
        if (server != null) {
            server.disposeNow(STOP_TIMEOUT);
        }
    }
}
