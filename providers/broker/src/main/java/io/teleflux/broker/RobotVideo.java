package io.teleflux.broker;

import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import io.teleflux.video.Frame;
import io.teleflux.video.VideoCodec;
import io.teleflux.webrtc.peer.VideoCodecPreferences;
import io.teleflux.webrtc.peer.VideoTrackSender;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The robot's send-only camera track, added before any data channel (an SFU bundling video and data wants the video
 * m-section first), H.264 preferred, then VP8. Frames go through {@link VideoTrackSender}: latest wins, paced to
 * {@value #MAX_FPS} frames per second, any format converted to I420. Also adds the recv-only audio m-section for the
 * operator's microphone.
 */
final class RobotVideo {

    /** The most frames per second pushed into the track. */
    static final double MAX_FPS = 30;
    private static final List<String> STREAM = List.of("teleflux-robot");

    private final VideoTrackSender sender;
    private volatile boolean armed;

    private RobotVideo(VideoTrackSender sender) {
        this.sender = sender;
    }

    /** On the link's control thread, before any data channel. */
    static RobotVideo attach(PeerLink link) {
        VideoTrackSender sender = VideoTrackSender.create(link.lease().factory(), "camera", MAX_FPS,
                link.name() + "-video");
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = STREAM;
        RTCRtpTransceiver transceiver = link.pc().addTransceiver(sender.track(), init);
        VideoCodecPreferences.apply(transceiver, link.lease().factory(), List.of(VideoCodec.H264, VideoCodec.VP8));
        return new RobotVideo(sender);
    }

    /** A recv-only audio m-section, so the broker can bridge the operator's microphone. */
    static void addRecvOnlyAudio(PeerLink link) {
        AudioTrackSource source = link.lease().factory().createAudioSource(new AudioOptions());
        AudioTrack track = link.lease().factory().createAudioTrack("operator-audio", source);
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.RECV_ONLY;
        init.streamIds = STREAM;
        link.pc().addTransceiver(track, init);
    }

    /** From now on frames are delivered (the link is connected); before, they are released unsent. */
    void arm() {
        armed = true;
    }

    Mono<Void> send(Publisher<Frame> frames) {
        return sender.send(Flux.from(frames).filter(f -> {
            if (armed) {
                return true;
            }
            f.release();
            return false;
        }));
    }

    long framesPushed() {
        return sender.framesPushed();
    }

    /** Stops sending (running sends error); before the peer connection closes. */
    void stop() {
        armed = false;
        sender.stop();
    }

    /** Releases the track and source; after the peer connection closed. */
    void dispose() {
        sender.dispose();
    }
}
