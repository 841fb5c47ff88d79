package io.teleflux.broker;

import io.teleflux.TelefluxException;

/**
 * The broker refused or failed a request. {@link #status()} is the HTTP status, or 0 when no response arrived
 * (network error, timeout). Messages quote at most 200 characters of the broker's reply, because a reply may echo an
 * SDP that carries ICE credentials.
 */
public class BrokerException extends TelefluxException {
    private static final long serialVersionUID = 1L;

    /** Longest excerpt of a broker reply quoted in a message. */
    static final int MAX_QUOTE = 200;

    private final int status;

    public BrokerException(String message, int status) {
        super(message);
        this.status = status;
    }

    public BrokerException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the broker's reply, or 0 when there was none. */
    public int status() {
        return status;
    }

    /** Whether the broker rejected the credentials (401) or the caller's right to the resource (403). */
    public boolean isAuthFailure() {
        return status == 401 || status == 403;
    }

    /** Whether the resource does not exist for this caller (404; other tenants' sessions look absent too). */
    public boolean isNotFound() {
        return status == 404;
    }

    static String quote(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replace('\r', ' ').replace('\n', ' ');
        return oneLine.length() <= MAX_QUOTE ? oneLine : oneLine.substring(0, MAX_QUOTE) + "…";
    }
}
