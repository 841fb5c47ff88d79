package io.teleflux.webrtc;

import io.teleflux.Role;
import java.util.Objects;

/**
 * A signaling inside one JVM, for tests and demos: its {@link #robot()} end and {@link #operator()} end meet by name.
 * Each open on one end pairs with the oldest waiting open on the other end of the same name.
 *
 * @param name the meeting point
 */
public record InProcessSignaling(String name) {

    public InProcessSignaling {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("in-process signaling name must not be blank");
        }
    }

    /** The robot's end. */
    public Signaling robot() {
        return new InProcessSignalingEnd(name, Role.ROBOT);
    }

    /** The operator's end. */
    public Signaling operator() {
        return new InProcessSignalingEnd(name, Role.OPERATOR);
    }
}
