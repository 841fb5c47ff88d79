package io.teleflux.broker.server;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import io.teleflux.webrtc.peer.NativeCallbacks;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot's video forwarded to one operator: every decoded frame of the robot's incoming track is pushed into a
 * video source whose track the operator's connection sends (libwebrtc re-encodes it with the codec the operator's
 * answer chose). Adding the track makes the operator's connection need a renegotiation: the relay's offer is the
 * bridge's {@code video_offer}. The robot's track is only decoded while some bridge forwards it: the bridge that owns
 * this forward also holds a share of the robot leg's {@link VideoReceiveSwitch}.
 */
final class VideoForward {

    private static final Logger log = LoggerFactory.getLogger(VideoForward.class);

    private final VideoTrack robotTrack;
    private final CustomVideoSource source;
    private final VideoTrack operatorTrack;
    private final RTCRtpSender sender;
    private final VideoTrackSink sink;
    private final AtomicLong frames = new AtomicLong();
    private volatile boolean stopped;

    /** Adds the forwarding track to {@code operator}; on the control thread. */
    VideoForward(PeerConnectionFactory factory, VideoTrack robotTrack, RTCPeerConnection operator, String label) {
        this.robotTrack = robotTrack;
        this.source = new CustomVideoSource();
        this.operatorTrack = factory.createVideoTrack(label, source);
        this.sender = operator.addTrack(operatorTrack, List.of("teleflux-relay"));
        this.sink = this::onFrame;
        robotTrack.addSink(sink);
    }

    /** On libwebrtc's decoder thread: guarded, and nothing after {@link #close}. */
    private void onFrame(VideoFrame frame) {
        NativeCallbacks.guard("onVideoFrame", () -> {
            if (!stopped) {
                source.pushFrame(frame);
                frames.incrementAndGet();
            }
        });
    }

    long frames() {
        return frames.get();
    }

    /**
     * Stops forwarding and takes the track off the operator's connection (if it is still open); on the control thread.
     * The track and source are disposed only when the track could be removed: webrtc-java 0.14.0 never frees a
     * closed connection, which may still reference its sent track.
     */
    void close(RTCPeerConnection operator) {
        stopped = true;
        try {
            robotTrack.removeSink(sink);
        } catch (Throwable t) {
            log.debug("removing the relay's video sink failed", t);
        }
        if (operator == null) {
            return;
        }
        try {
            operator.removeTrack(sender);
            operatorTrack.dispose();
            source.dispose();
        } catch (Throwable t) {
            log.debug("taking the video track off the operator connection failed", t);
        }
    }
}
