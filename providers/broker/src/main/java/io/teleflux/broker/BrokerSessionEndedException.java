package io.teleflux.broker;

/**
 * The broker ended the robot's session for good: {@value HeartbeatStreak#TERMINAL_STREAK} consecutive heartbeats were
 * answered 401 (the API key was revoked) or 404 (the session was deleted). A robot session's
 * {@link io.teleflux.Session#states()} ends with this error; connect again to register a new session.
 */
public final class BrokerSessionEndedException extends BrokerException {
    private static final long serialVersionUID = 1L;

    public BrokerSessionEndedException(String message, int status) {
        super(message, status);
    }
}
