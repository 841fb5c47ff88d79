package io.teleflux;

/**
 * A state of a session's link. Core defines the six common states below; a provider may publish its own finer states
 * (ICE, DTLS, per channel) by implementing this interface, without changes to core.
 *
 * <p>A session's {@link Session#states()} always starts with {@link #NEW} or a later state, ends with {@link #CLOSED}
 * when the session is closed, and ends with an error when the link failed for good (for example a broker that keeps
 * rejecting the robot's key).
 */
public interface ConnectionState {

    /** Created, not connecting yet. */
    ConnectionState NEW = Basic.NEW;
    /** Establishing the link. */
    ConnectionState CONNECTING = Basic.CONNECTING;
    /** The link is usable. */
    ConnectionState CONNECTED = Basic.CONNECTED;
    /** The link was lost and may come back. */
    ConnectionState DISCONNECTED = Basic.DISCONNECTED;
    /** The link failed; it will not come back without a new connect. */
    ConnectionState FAILED = Basic.FAILED;
    /** The session was closed. Terminal. */
    ConnectionState CLOSED = Basic.CLOSED;

    /** A short upper-case name, stable for logs and metrics. */
    String name();

    /** True for states after which nothing is delivered: {@link #FAILED} and {@link #CLOSED}. */
    default boolean isTerminal() {
        return false;
    }

    /** The core states. */
    enum Basic implements ConnectionState {
        NEW, CONNECTING, CONNECTED, DISCONNECTED, FAILED, CLOSED;

        @Override
        public boolean isTerminal() {
            return this == FAILED || this == CLOSED;
        }
    }
}
