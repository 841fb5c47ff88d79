package io.teleflux.broker.server;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the broker refuses, with the HTTP status and the {@code detail} text sent back as
 * {@code {"detail": "..."}}. Thrown (or signalled) by handlers; the router turns it into the response.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final long retryAfterSeconds;

    ApiException(HttpResponseStatus status, String detail) {
        this(status, detail, 0);
    }

    private ApiException(HttpResponseStatus status, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    HttpResponseStatus status() {
        return status;
    }

    /** The {@code Retry-After} seconds of a 429, else 0. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, detail, retryAfterSeconds);
    }

    static ApiException unauthorized(String detail) {
        return new ApiException(HttpResponseStatus.UNAUTHORIZED, detail);
    }

    static ApiException forbidden(String detail) {
        return new ApiException(HttpResponseStatus.FORBIDDEN, detail);
    }

    static ApiException notFound(String detail) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, detail);
    }

    static ApiException conflict(String detail) {
        return new ApiException(HttpResponseStatus.CONFLICT, detail);
    }

    static ApiException unprocessable(String detail) {
        return new ApiException(HttpResponseStatus.UNPROCESSABLE_ENTITY, detail);
    }

    static ApiException badGateway(String detail) {
        return new ApiException(HttpResponseStatus.BAD_GATEWAY, detail);
    }

    static ApiException unavailable(String detail) {
        return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, detail);
    }
}
