package io.teleflux;

/** A session tried to send (or receive) on a channel that flows the other way for its role. */
public final class WrongDirectionException extends TelefluxException {
    private static final long serialVersionUID = 1L;

    WrongDirectionException(String channel, Role role, Direction direction, String action) {
        super("a " + role + " cannot " + action + " on channel '" + channel + "' (direction " + direction + ")");
    }
}
