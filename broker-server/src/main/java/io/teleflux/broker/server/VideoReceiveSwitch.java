package io.teleflux.broker.server;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import io.teleflux.webrtc.peer.SessionDescriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Video on demand for one robot leg: the relay receives, and so decodes, the robot's video only while at least one
 * bridge forwards it ({@link #acquire}, {@link #release}).
 *
 * <p>libwebrtc decodes a received video track whether or not a sink is attached, so leaving the track without a sink
 * is not enough. Instead the relay sets the leg's video transceiver to {@code inactive} and applies a local offer
 * saying so: libwebrtc stops the receive stream as soon as it applies its own offer (no depacketising, no decoding, no
 * frame allocated). The offer is never sent: the robot keeps sending and the relay drops the packets undecoded. A
 * {@code recvonly} offer turns receiving back on; the restarted receive stream has no keyframe and asks the robot for
 * one by RTCP PLI, so an operator's first picture comes within a round trip and a frame interval. The robot leg
 * therefore stays in {@code have-local-offer}, which the relay never leaves: it does not renegotiate the robot's
 * connection otherwise (negotiated data channels need no renegotiation).
 *
 * <p>Confined to the relay's control thread; switches are applied one at a time, the last wish winning. A failed
 * switch is logged and leaves the previous state (video keeps being decoded, or stays off until the next bridge).
 */
final class VideoReceiveSwitch {

    private static final Logger log = LoggerFactory.getLogger(VideoReceiveSwitch.class);

    private final RelayPeer robot;
    private final RTCRtpTransceiver transceiver;
    private int users;
    private boolean applied = true; // libwebrtc receives once the robot's offer is answered
    private boolean applying;
    private volatile boolean receiving = true;

    VideoReceiveSwitch(RelayPeer robot, RTCRtpTransceiver transceiver) {
        this.robot = robot;
        this.transceiver = transceiver;
    }

    /**
     * Stops receiving until the first {@link #acquire}; completes when applied (never errors). Called once, right
     * after the robot's offer is answered, before the robot can send any media.
     */
    Mono<Void> stopUntilWanted() {
        return Mono.defer(this::apply).onErrorResume(e -> Mono.empty());
    }

    /** One more bridge forwards the video: receive (and ask the robot for a keyframe) if none did. */
    void acquire() {
        users++;
        apply().subscribe(null, e -> { }); // logged in apply
    }

    /** A bridge that {@link #acquire}d stopped forwarding: stop receiving when it was the last. */
    void release() {
        if (users > 0) {
            users--;
        }
        apply().subscribe(null, e -> { }); // logged in apply
    }

    /** Whether libwebrtc receives the robot's video now (as last applied); any thread. */
    boolean receiving() {
        return receiving;
    }

    /** Applies the wanted state if it differs and no switch is under way; completes (or errors) when applied. */
    private Mono<Void> apply() {
        boolean wanted = users > 0;
        RTCPeerConnection pc = robot.connection();
        if (applying || wanted == applied || robot.isClosed() || pc == null) {
            return Mono.empty();
        }
        applying = true;
        try {
            transceiver.setDirection(wanted ? RTCRtpTransceiverDirection.RECV_ONLY
                    : RTCRtpTransceiverDirection.INACTIVE);
        } catch (RuntimeException e) {
            applying = false;
            log.warn("{}: switching video receive {} failed", robot.id(), wanted ? "on" : "off", e);
            return Mono.error(e);
        }
        return robot.step("createOffer", SessionDescriptions.createOffer(pc))
                .flatMap(offer -> robot.step("setLocalDescription", SessionDescriptions.setLocal(pc, offer)))
                .doOnSuccess(v -> {
                    applying = false;
                    applied = wanted;
                    receiving = wanted;
                    log.debug("{}: video receive {}", robot.id(), wanted ? "on" : "off");
                })
                .doOnError(e -> {
                    applying = false;
                    if (robot.isClosed()) {
                        log.debug("{}: video receive switch ended with the connection: {}", robot.id(), e.toString());
                    } else {
                        log.warn("{}: switching video receive {} failed", robot.id(), wanted ? "on" : "off", e);
                    }
                })
                .then(Mono.defer(() -> applied == (users > 0) ? Mono.<Void>empty() : apply()));
    }
}
