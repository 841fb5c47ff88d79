package io.teleflux.broker.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The HTTP edges of every API handler: reading a bounded body, writing a JSON reply, and turning a signalled
 * {@link ApiException} into its status with {@code {"detail": "..."}} (anything else is a logged 500).
 */
final class Exchange {

    /** The largest request body accepted; SDP offers are a few KiB. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final Logger log = LoggerFactory.getLogger(Exchange.class);

    /** A response: a status, a JSON body or none ({@code null}), and a {@code Retry-After} (0: none). */
    record Reply(HttpResponseStatus status, JsonNode body, long retryAfterSeconds) {
        Reply(HttpResponseStatus status, JsonNode body) {
            this(status, body, 0);
        }

        static Reply ok(JsonNode body) {
            return new Reply(HttpResponseStatus.OK, body);
        }

        static Reply created(JsonNode body) {
            return new Reply(HttpResponseStatus.CREATED, body);
        }

        static Reply noContent() {
            return new Reply(HttpResponseStatus.NO_CONTENT, null);
        }
    }

    private Exchange() {
    }

    /** The request body as UTF-8 text (empty when there is none); 413 above {@link #MAX_BODY_BYTES}. */
    static Mono<String> body(HttpServerRequest request) {
        String length = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > MAX_BODY_BYTES) {
                    return Mono.error(tooLarge());
                }
            } catch (NumberFormatException e) {
                return Mono.error(ApiException.unprocessable("Bad Content-Length"));
            }
        }
        return request.receive().asByteArray()
                .collect(ByteArrayOutputStream::new, (out, chunk) -> {
                    if (out.size() + chunk.length > MAX_BODY_BYTES) {
                        throw tooLarge();
                    }
                    out.write(chunk, 0, chunk.length);
                })
                .map(out -> out.toString(StandardCharsets.UTF_8));
    }

    /** Sends what {@code reply} produces, or the error it signals. */
    static Publisher<Void> respond(HttpServerRequest request, HttpServerResponse response, Mono<Reply> reply) {
        return reply
                .onErrorResume(ApiException.class, e -> Mono.just(new Reply(e.status(),
                        Json.object().put("detail", e.getMessage()), e.retryAfterSeconds())))
                .onErrorResume(e -> {
                    log.error("{} {} failed", request.method(), request.uri(), e);
                    return Mono.just(error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal server error"));
                })
                .switchIfEmpty(Mono.fromSupplier(() -> error(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        "Internal server error: no reply")))
                .flatMap(r -> send(response, r));
    }

    static Reply error(HttpResponseStatus status, String detail) {
        return new Reply(status, Json.object().put("detail", detail));
    }

    private static Mono<Void> send(HttpServerResponse response, Reply reply) {
        response.status(reply.status()).header(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (reply.retryAfterSeconds() > 0) {
            response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(reply.retryAfterSeconds()));
        }
        if (reply.body() == null) {
            return response.send().then();
        }
        byte[] bytes = Json.bytes(reply.body());
        return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes))
                .then();
    }

    private static ApiException tooLarge() {
        return new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "Request body larger than " + MAX_BODY_BYTES + " bytes");
    }
}
