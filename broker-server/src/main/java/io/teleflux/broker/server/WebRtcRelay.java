package io.teleflux.broker.server;

import dev.onvoid.webrtc.media.video.VideoTrack;
import io.teleflux.webrtc.peer.IceGathering;
import io.teleflux.webrtc.peer.PeerConnectionFactoryLease;
import io.teleflux.webrtc.peer.SessionDescriptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The built-in relay on webrtc-java. All peer connection work (creating, negotiating, opening channels, closing) runs
 * on one control thread, {@code teleflux-relay}, in submission order, so a bridge's channels are always closed before
 * its legs' connections. The shared {@code PeerConnectionFactory} is leased when the first robot registers and given
 * back by {@link #close()}.
 *
 * <p>Video on demand: a robot leg receives (decodes) the robot's video only while some bridge forwards it
 * ({@link VideoReceiveSwitch}); the first bridge turns it on, which makes libwebrtc ask the robot for a keyframe.
 *
 * <p>Channel ids: robot legs hand out ids from 1 (the robot keeps its {@code _sctp_init} on 0), operator legs from 2
 * (a browser's non-negotiated {@code _sctp_init} takes 0 or 1); each bridge takes the next ones on each side (the
 * robot's outbound pair is shared by all bridges of the robot and renewed when the last bridge closes).
 */
final class WebRtcRelay implements Relay {

    private static final Logger log = LoggerFactory.getLogger(WebRtcRelay.class);
    private static final int ROBOT_FIRST_ID = 1;
    private static final int OPERATOR_FIRST_ID = 2;

    private final BrokerOptions options;
    private final Scheduler control = Schedulers.newSingle("teleflux-relay", true);
    private final Set<RelayPeer> peers = ConcurrentHashMap.newKeySet();
    private PeerConnectionFactoryLease lease; // control thread only
    private volatile boolean closed;

    WebRtcRelay(BrokerOptions options) {
        this.options = options;
    }

    @Override
    public Mono<RobotLeg> acceptRobot(String sessionId, String sdpOffer) {
        return accept("robot", ROBOT_FIRST_ID, sdpOffer).cast(RobotLeg.class);
    }

    @Override
    public Mono<OperatorLeg> acceptOperator(String sessionId, String sdpOffer) {
        return accept("operator", OPERATOR_FIRST_ID, sdpOffer).cast(OperatorLeg.class);
    }

    private Mono<RelayPeer> accept(String role, int firstId, String sdpOffer) {
        return Mono.fromCallable(() -> {
            if (closed) {
                throw ApiException.unavailable("The relay is stopping");
            }
            if (lease == null) {
                lease = PeerConnectionFactoryLease.acquire(); // blocks ~200 ms, once
            }
            RelayPeer peer = new RelayPeer(role, firstId, control, this);
            peer.open(lease, options.iceServers());
            peers.add(peer);
            return peer;
        }).subscribeOn(control).flatMap(peer -> peer.answer(sdpOffer, options.iceGatheringTimeout())
                .then(Mono.defer(() -> {
                    // video on demand: not received (not decoded) until a bridge forwards it; switched off before
                    // the robot has the answer, so not one frame is decoded for nobody
                    VideoReceiveSwitch video = peer.videoReceive();
                    return video == null ? Mono.<Void>empty() : video.stopUntilWanted();
                }))
                .thenReturn(peer)
                .doOnError(e -> peer.close())
                .doOnCancel(peer::close));
    }

    @Override
    public Mono<Bridge> bridge(RobotLeg robotLeg, OperatorLeg operatorLeg, boolean controlsRobot) {
        RelayPeer robot = (RelayPeer) robotLeg;
        RelayPeer operator = (RelayPeer) operatorLeg;
        return Mono.fromCallable(() -> {
            if (robot.isClosed() || operator.isClosed()) {
                throw ApiException.conflict("Relay sessions not ready: a connection is closed");
            }
            return new RelayBridge(this, robot, operator, controlsRobot);
        }).subscribeOn(control).flatMap(bridge -> withVideo(bridge, robot, operator)
                .doOnError(e -> bridge.close())
                .doOnCancel(bridge::close));
    }

    /** Adds the robot's video to the operator's connection and makes the offer for it, if the robot sends video. */
    private Mono<Bridge> withVideo(RelayBridge bridge, RelayPeer robot, RelayPeer operator) {
        VideoTrack robotVideo = robot.remoteVideo();
        if (robotVideo == null) {
            bridge.video(null, null, "no_published_track");
            return Mono.just(bridge);
        }
        VideoForward forward;
        try {
            forward = new VideoForward(lease.factory(), robotVideo, operator.connection(),
                    "teleflux-relay-video-" + operator.id());
        } catch (RuntimeException e) {
            log.warn("{}: forwarding the robot's video failed", operator.id(), e);
            bridge.video(null, null, "publish_error");
            return Mono.just(bridge);
        }
        // the bridge owns the forward (and its share of the robot's video receive) from here, whatever follows
        bridge.video(forward, null, "no_offer");
        VideoReceiveSwitch receive = robot.videoReceive();
        if (receive != null) {
            receive.acquire(); // receives again and asks the robot for a keyframe while the operator renegotiates
            bridge.receivesVideoWith(receive);
        }
        var pc = operator.connection();
        return operator.step("createOffer", SessionDescriptions.createOffer(pc))
                .flatMap(offer -> operator.step("setLocalDescription", SessionDescriptions.setLocal(pc, offer)))
                .then(Mono.defer(() -> IceGathering.completeLocalDescription(pc, options.iceGatheringTimeout())))
                .publishOn(control)
                .map(local -> {
                    bridge.video(forward, local.sdp, "ok");
                    return (Bridge) bridge;
                })
                .onErrorResume(e -> {
                    log.warn("{}: the video offer failed", operator.id(), e);
                    bridge.video(forward, null, "no_offer");
                    return Mono.just(bridge);
                });
    }

    @Override
    public int livePeerConnections() {
        return peers.size();
    }

    /** Runs {@code task} on the control thread, after every task submitted before it; dropped once closed. */
    void onControl(Runnable task) {
        try {
            control.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("relay task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("relay stopped; a task was dropped");
        }
    }

    void forget(RelayPeer peer) {
        peers.remove(peer);
    }

    @Override
    public Mono<Void> close() {
        return Mono.<Void>fromRunnable(() -> {
            closed = true;
            List<RelayPeer> left = new ArrayList<>(peers);
            left.forEach(RelayPeer::release);
            if (lease != null) {
                lease.close();
                lease = null;
            }
            if (!left.isEmpty()) {
                log.info("relay closed {} remaining peer connections", left.size());
            }
        }).subscribeOn(control).doFinally(signal -> control.dispose());
    }
}
