package io.teleflux.broker.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets per caller and route class, as in the hosted broker: registering and joining (burst 12, 12 per
 * minute), TURN credentials (6 per minute) and key writes (10 per minute); heartbeats and listings are exempt.
 * Passive unless enforced: a request over its budget is only logged, once per bucket until it has tokens again;
 * enforced, it is a 429 with {@code Retry-After}.
 */
final class RateLimiter {

    /** The limited route classes: bucket size, refilled at the same count per minute. */
    enum Route {
        SESSION_JOIN(12), TURN_CREDENTIALS(6), KEYS_WRITE(10);

        final int perMinute;

        Route(int perMinute) {
            this.perMinute = perMinute;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final boolean enforce;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(boolean enforce, Clock clock) {
        this.enforce = enforce;
        this.clock = clock;
    }

    /** Takes a token for {@code caller} on {@code route}; over budget: 429 when enforced, a log line otherwise. */
    void check(Route route, String caller) {
        Bucket bucket = buckets.computeIfAbsent(route + " " + caller, k -> new Bucket(route.perMinute));
        Duration retryAfter = bucket.take(clock.instant(), route.perMinute);
        if (retryAfter == null) {
            return;
        }
        if (enforce) {
            long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            throw ApiException.tooManyRequests("Rate limit exceeded for "
                    + route.name().toLowerCase(Locale.ROOT) + "; retry in " + seconds + " s", seconds);
        }
        if (bucket.markLogged()) {
            log.warn("rate limit would refuse {} for {} (passive mode: allowed)", route, caller);
        }
    }

    /** One token bucket; synchronized. */
    private static final class Bucket {
        private double tokens;
        private Instant last;
        private boolean logged;

        Bucket(int size) {
            this.tokens = size;
        }

        /** Null when a token was taken, else how long until one is available. */
        synchronized Duration take(Instant now, int perMinute) {
            if (last != null && now.isAfter(last)) {
                double refill = Duration.between(last, now).toMillis() * perMinute / 60_000.0;
                tokens = Math.min(perMinute, tokens + refill);
            }
            if (last == null || now.isAfter(last)) {
                last = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                logged = false;
                return null;
            }
            return Duration.ofMillis((long) Math.ceil((1 - tokens) * 60_000.0 / perMinute));
        }

        synchronized boolean markLogged() {
            boolean first = !logged;
            logged = true;
            return first;
        }
    }
}
