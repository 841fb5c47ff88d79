package io.teleflux.webrtc;

import io.teleflux.Role;
import reactor.core.publisher.Mono;

/** One role's end of an {@link InProcessSignaling}; value-equal, so equal configs share a provider. */
record InProcessSignalingEnd(String name, Role side) implements Signaling {

    @Override
    public Mono<SignalingSession> open(Role role) {
        if (role != side) {
            return Mono.error(new IllegalArgumentException("the in-process signaling end '" + name + "' is the "
                    + side + "'s; a " + role + " session cannot use it"));
        }
        return InProcessRendezvous.open(name, side);
    }
}
