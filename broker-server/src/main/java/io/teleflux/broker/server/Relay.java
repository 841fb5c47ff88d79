package io.teleflux.broker.server;

import reactor.core.publisher.Mono;

/**
 * The media and data relay behind the REST API: the role the Cloudflare SFU plays for the hosted broker. It terminates
 * the robot's and each operator's peer connection and, at bridge time, forwards the four standard channels (each in
 * its one direction) and the robot's video.
 */
interface Relay {

    /** Answers a robot's complete (non-trickle) offer; the leg owns the robot-side peer connection. */
    Mono<RobotLeg> acceptRobot(String sessionId, String sdpOffer);

    /** Answers an operator's complete offer; the leg owns the operator-side peer connection. */
    Mono<OperatorLeg> acceptOperator(String sessionId, String sdpOffer);

    /**
     * Opens fresh negotiated channels on both legs and starts forwarding: the robot's outbound channels always, the
     * operator's inbound ones ({@code cmd_unreliable}, {@code state_reliable}) only when {@code control} (the bound
     * operator, not a viewer). The returned bridge also carries the video offer, when the robot publishes video.
     */
    Mono<Bridge> bridge(RobotLeg robot, OperatorLeg operator, boolean control);

    /** Peer connections this relay created and has not closed yet. */
    int livePeerConnections();

    /** Closes every leg and releases the native resources; completes when released. */
    Mono<Void> close();

    /** The robot's side: one peer connection per registered session. */
    interface RobotLeg {
        String id();

        String sdpAnswer();

        /**
         * The robot-side ids of its outbound channels ({@code stateBack}, {@code map}) while any bridge uses them,
         * else null ids.
         */
        ChannelIds publisherIds();

        /**
         * Tells the robot that its ids changed, so a teleflux robot heartbeats at once instead of at its next 1 Hz
         * tick: a message on the robot's placeholder channel (SCTP id 0). Other robots ignore it. Never throws.
         */
        void hintIdsChanged();

        /** Closes the peer connection (and any channels on it); idempotent, never throws. */
        void close();
    }

    /** One operator's side. */
    interface OperatorLeg {
        String id();

        String sdpAnswer();

        /** Whether the operator's peer connection reached {@code connected}. */
        boolean connected();

        /** Completes once the connection is {@code connected} (at once if it is); errors if it closes first. */
        Mono<Void> whenConnected();

        /** Applies the operator's answer to the bridge's video offer. */
        Mono<Void> acceptVideoAnswer(String sdpAnswer);

        /** Closes the peer connection; idempotent, never throws. */
        void close();
    }

    /** A bridge between a robot leg and an operator leg, with the ids each side must open. */
    interface Bridge {
        /**
         * The robot's ids: this bridge's inbound ones ({@code cmd}, {@code state}; null for a viewer) and the shared
         * outbound ones ({@code stateBack}, {@code map}).
         */
        ChannelIds robotIds();

        ChannelIds operatorIds();

        /** The SDP offer that adds the robot's video to the operator's connection, or {@code null}. */
        String videoOffer();

        /** {@code ok}, {@code no_published_track}, {@code publish_error}, {@code pull_error} or {@code no_offer}. */
        String videoStatus();

        /** Stops forwarding and closes the bridge's channels on both legs; idempotent, never throws. */
        void close();
    }

    /** Negotiated data channel ids of the four standard channels on one side; {@code null} when not bridged. */
    record ChannelIds(Integer cmd, Integer state, Integer stateBack, Integer map) {
        static final ChannelIds NONE = new ChannelIds(null, null, null, null);
    }
}
